//! The canvas backend: plotters-canvas draws the shapes; text is measured here with the canvas's
//! own `measureText` (plotters' default adds a styled `<span>` to the page for every label: a
//! forced layout each time, and an inline style a strict Content-Security-Policy forbids), and
//! either drawn on the canvas or handed back as [`Label`]s for the page to show as HTML text.
//! Text drawn on a canvas is by far the slowest thing a redraw does, and HTML labels that did
//! not change cost nothing; they are also real text, crisp and selectable.

use super::dom::{context, Res, WebError};
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A piece of text the backend was asked to draw, in device pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// Font size, in device pixels.
    pub size: f64,
    /// How far to shift the text from its anchor point, in percent of its own width and
    /// height (−50 centres it).
    pub shift: (i8, i8),
}

/// Where text goes.
pub enum Text {
    /// Drawn on the canvas (for images).
    Draw,
    /// Collected, for the page to show.
    Collect(Rc<RefCell<Vec<Label>>>),
}

pub struct Canvas2d {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    /// The font last set on the context.
    font: RefCell<String>,
    text: Text,
}

/// What went wrong while drawing, in words.
pub struct CanvasError(String);

// Written by hand: a derived `Debug` would pull string escaping into the web module.
impl std::fmt::Debug for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "canvas: {}", self.0)
    }
}

impl std::error::Error for CanvasError {}

/// plotters-canvas's errors, as ours.
fn lift<E: std::error::Error + Send + Sync>(
    r: Result<(), DrawingErrorKind<E>>,
) -> Result<(), Error> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(CanvasError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    })
}

impl Canvas2d {
    pub fn new(canvas: &HtmlCanvasElement, text: Text) -> Res<Canvas2d> {
        let ctx = context(canvas)?;
        let inner = CanvasBackend::with_canvas_object(canvas.clone())
            .ok_or_else(|| WebError::missing("2d canvas"))?;
        // The context keeps its font between uses: start from it.
        let font = RefCell::new(ctx.font());
        Ok(Canvas2d {
            inner,
            ctx,
            font,
            text,
        })
    }

    /// Sets the context's font for `style`, unless it is set already.
    fn use_font<S: BackendTextStyle>(&self, style: &S) {
        // Written as the browser writes `ctx.font` back, so an unchanged font is recognised.
        let font = match style.style().as_str() {
            "normal" => format!("{}px {}", style.size(), style.family().as_str()),
            other => format!("{other} {}px {}", style.size(), style.family().as_str()),
        };
        let mut current = self.font.borrow_mut();
        if *current != font {
            self.ctx.set_font(&font);
            *current = font;
        }
    }
}

type Error = DrawingErrorKind<CanvasError>;

fn color(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("rgba({r},{g},{b},{})", c.alpha)
}

impl DrawingBackend for Canvas2d {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Error> {
        lift(self.inner.ensure_prepared())
    }

    fn present(&mut self) -> Result<(), Error> {
        lift(self.inner.present())
    }

    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), Error> {
        lift(self.inner.draw_pixel(p, c))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error> {
        lift(self.inner.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        lift(self.inner.draw_rect(a, b, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error> {
        lift(self.inner.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        lift(self.inner.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error> {
        lift(self.inner.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Error> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        if let Text::Collect(labels) = &self.text {
            labels.borrow_mut().push(Label {
                text: text.to_string(),
                x: f64::from(pos.0),
                y: f64::from(pos.1),
                size: style.size(),
                shift: (
                    match style.anchor().h_pos {
                        HPos::Left => 0,
                        HPos::Center => -50,
                        HPos::Right => -100,
                    },
                    match style.anchor().v_pos {
                        VPos::Top => 0,
                        VPos::Center => -50,
                        VPos::Bottom => -100,
                    },
                ),
            });
            return Ok(());
        }
        self.use_font(style);
        self.ctx.set_text_baseline(match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.ctx.set_text_align(match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        });
        self.ctx.set_fill_style_str(&color(c));
        let turn = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 0.5,
            FontTransform::Rotate180 => 1.0,
            FontTransform::Rotate270 => 1.5,
        } * std::f64::consts::PI;
        let (x, y) = (f64::from(pos.0), f64::from(pos.1));
        let drawn = if turn == 0.0 {
            self.ctx.fill_text(text, x, y)
        } else {
            self.ctx.save();
            let r = self
                .ctx
                .translate(x, y)
                .and_then(|_| self.ctx.rotate(turn))
                .and_then(|_| self.ctx.fill_text(text, 0.0, 0.0));
            self.ctx.restore();
            r
        };
        drawn.map_err(|e| {
            let why = e
                .as_string()
                .unwrap_or_else(|| "the text could not be drawn".into());
            DrawingErrorKind::DrawingError(CanvasError(why))
        })
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Error> {
        self.use_font(style);
        let width = self.ctx.measure_text(text).map_or(0.0, |m| m.width());
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }
}
