//! The canvas backend: plotters' shapes drawn with the canvas's own calls; text is measured here with the canvas's
//! own `measureText` (plotters' default adds a styled `<span>` to the page for every label: a
//! forced layout each time, and an inline style a strict Content-Security-Policy forbids), and
//! either drawn on the canvas or handed back as [`Label`]s for the page to show as HTML text.
//! Text drawn on a canvas is by far the slowest thing a redraw does, and HTML labels that did
//! not change cost nothing; they are also real text, crisp and selectable.

use super::dom::{context, Res};
use crate::fmt::float;
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
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

pub struct Ctx2d {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// The font last set on the context.
    font: RefCell<String>,
    text: Text,
}

/// What went wrong while drawing, in words.
pub struct CanvasError(pub(super) String);

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

impl Ctx2d {
    pub fn new(canvas: &HtmlCanvasElement, text: Text) -> Res<Ctx2d> {
        let ctx = context(canvas)?;
        // The context keeps its font between uses: start from it.
        let font = RefCell::new(ctx.font());
        Ok(Ctx2d {
            canvas: canvas.clone(),
            ctx,
            font,
            text,
        })
    }

    /// Sets the context's font for `style`, unless it is set already.
    fn use_font<S: BackendTextStyle>(&self, style: &S) {
        // Written as the browser writes `ctx.font` back, so an unchanged font is recognised.
        let font = match style.style().as_str() {
            "normal" => format!("{}px {}", float(style.size()), style.family().as_str()),
            other => format!(
                "{other} {}px {}",
                float(style.size()),
                style.family().as_str()
            ),
        };
        let mut current = self.font.borrow_mut();
        if *current != font {
            self.ctx.set_font(&font);
            *current = font;
        }
    }
}

type Error = DrawingErrorKind<CanvasError>;

pub(super) fn color(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("rgba({r},{g},{b},{})", float(c.alpha))
}

impl Ctx2d {
    /// Sets the stroke colour and width for a line.
    fn stroke_style<S: BackendStyle>(&self, style: &S) {
        self.ctx.set_stroke_style_str(&color(style.color()));
        self.ctx.set_line_width(f64::from(style.stroke_width()));
    }

    /// Traces `points` as one path (closed when `close`).
    fn trace<I: IntoIterator<Item = BackendCoord>>(&self, points: I, close: bool) {
        self.ctx.begin_path();
        for (k, (x, y)) in points.into_iter().enumerate() {
            let (x, y) = (f64::from(x), f64::from(y));
            if k == 0 {
                self.ctx.move_to(x, y);
            } else {
                self.ctx.line_to(x, y);
            }
        }
        if close {
            self.ctx.close_path();
        }
    }
}

impl DrawingBackend for Ctx2d {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    fn ensure_prepared(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), Error> {
        if c.alpha > 0.0 {
            self.ctx.set_fill_style_str(&color(c));
            self.ctx.fill_rect(f64::from(p.0), f64::from(p.1), 1.0, 1.0);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        // A vertical or horizontal line of odd width moves half a pixel, onto the pixel grid:
        // crisp, not blurred over two rows (an even width already covers whole pixels).
        let (mut a, mut b) = (
            (f64::from(from.0), f64::from(from.1)),
            (f64::from(to.0), f64::from(to.1)),
        );
        let nudge = if style.stroke_width() % 2 == 1 {
            0.5
        } else {
            0.0
        };
        if a.0 == b.0 {
            a.0 -= nudge;
            b.0 -= nudge;
        }
        if a.1 == b.1 {
            a.1 -= nudge;
            b.1 -= nudge;
        }
        self.stroke_style(style);
        self.ctx.begin_path();
        self.ctx.move_to(a.0, a.1);
        self.ctx.line_to(b.0, b.1);
        self.ctx.stroke();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(a.0), f64::from(a.1));
        let (w, h) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        if fill {
            self.ctx.set_fill_style_str(&color(c));
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.stroke_style(style);
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error> {
        if style.color().alpha > 0.0 {
            self.stroke_style(style);
            self.trace(path, false);
            self.ctx.stroke();
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        let c = style.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.ctx.begin_path();
        let (x, y) = (f64::from(center.0), f64::from(center.1));
        // `arc` fails only for a negative radius, which a u32 cannot be.
        let _ = self
            .ctx
            .arc(x, y, f64::from(radius), 0.0, std::f64::consts::TAU);
        if fill {
            self.ctx.set_fill_style_str(&color(c));
            self.ctx.fill();
        } else {
            self.stroke_style(style);
            self.ctx.stroke();
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error> {
        let c = style.color();
        if c.alpha > 0.0 {
            self.ctx.set_fill_style_str(&color(c));
            self.trace(vert, true);
            self.ctx.fill();
        }
        Ok(())
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
