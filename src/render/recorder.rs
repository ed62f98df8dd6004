//! A drawing backend for tests: records what is drawn, in device pixels.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::RGBColor;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use std::cell::RefCell;
use std::rc::Rc;

/// A colour and its opacity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color {
    pub rgb: (u8, u8, u8),
    pub alpha: f64,
}

impl From<BackendColor> for Color {
    fn from(c: BackendColor) -> Self {
        Color {
            rgb: c.rgb,
            alpha: c.alpha,
        }
    }
}

/// Where a text's point is on the text: across ("left", "center" or "right") and up ("top",
/// "center" or "bottom").
pub type Anchor = [&'static str; 2];

/// One drawing call.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Line(BackendCoord, BackendCoord, Color),
    Rect(BackendCoord, BackendCoord, Color),
    /// Points, colour, and the line's width in pixels.
    Path(Vec<BackendCoord>, Color, u32),
    Polygon(Vec<BackendCoord>, Color),
    /// Centre, radius, colour, and whether it is filled (or only outlined).
    Circle(BackendCoord, u32, Color, bool),
    Text(String, BackendCoord, Anchor),
}

impl Op {
    pub fn text(&self) -> Option<&str> {
        match self {
            Op::Text(s, _, _) => Some(s),
            _ => None,
        }
    }

    /// A text, its point and where that point is on it.
    pub fn text_at(&self) -> Option<(&str, BackendCoord, Anchor)> {
        match self {
            Op::Text(s, p, a) => Some((s, *p, *a)),
            _ => None,
        }
    }

    /// The points and width of a path drawn in `color`.
    pub fn stroke_in(&self, color: RGBColor) -> Option<(Vec<BackendCoord>, u32)> {
        match self {
            Op::Path(p, c, w) if c.rgb == (color.0, color.1, color.2) => Some((p.clone(), *w)),
            _ => None,
        }
    }

    /// The points of a path drawn in `color`.
    pub fn path_in(&self, color: RGBColor) -> Option<Vec<BackendCoord>> {
        match self {
            Op::Path(p, c, _) if c.rgb == (color.0, color.1, color.2) => Some(p.clone()),
            _ => None,
        }
    }

    /// Centre and opacity of a circle drawn in `color`.
    pub fn circle_in(&self, color: RGBColor) -> Option<(BackendCoord, f64)> {
        match self {
            Op::Circle(c, _, col, _) if col.rgb == (color.0, color.1, color.2) => {
                Some((*c, col.alpha))
            }
            _ => None,
        }
    }

    /// Centre, radius and fill of a circle drawn in `color`.
    pub fn disc_in(&self, color: RGBColor) -> Option<(BackendCoord, u32, bool)> {
        match self {
            Op::Circle(c, r, col, fill) if col.rgb == (color.0, color.1, color.2) => {
                Some((*c, *r, *fill))
            }
            _ => None,
        }
    }

    /// Every coordinate the call touches.
    pub fn points(&self) -> Vec<BackendCoord> {
        match self {
            Op::Line(a, b, _) | Op::Rect(a, b, _) => vec![*a, *b],
            Op::Path(p, _, _) | Op::Polygon(p, _) => p.clone(),
            Op::Circle(c, _, _, _) | Op::Text(_, c, _) => vec![*c],
        }
    }
}

#[derive(Debug)]
pub struct NoError;

impl std::fmt::Display for NoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no error")
    }
}

impl std::error::Error for NoError {}

/// The backend: a size and a shared list of calls.
pub struct Backend {
    size: (u32, u32),
    ops: Rc<RefCell<Vec<Op>>>,
}

/// Owns the list the backend writes to.
pub struct Recorder {
    size: (u32, u32),
    ops: Rc<RefCell<Vec<Op>>>,
}

impl Recorder {
    pub fn new(w: u32, h: u32) -> Self {
        Recorder {
            size: (w, h),
            ops: Rc::new(RefCell::new(Vec::new())),
        }
    }

    pub fn area(&mut self) -> DrawingArea<Backend, Shift> {
        Backend {
            size: self.size,
            ops: self.ops.clone(),
        }
        .into_drawing_area()
    }

    pub fn take(&mut self) -> Vec<Op> {
        std::mem::take(&mut self.ops.borrow_mut())
    }
}

impl DrawingBackend for Backend {
    type ErrorType = NoError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<NoError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<NoError>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        self.ops.borrow_mut().push(Op::Rect(p, p, c.into()));
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        self.ops.borrow_mut().push(Op::Line(a, b, s.color().into()));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        _fill: bool,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        self.ops.borrow_mut().push(Op::Rect(a, b, s.color().into()));
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        self.ops.borrow_mut().push(Op::Path(
            path.into_iter().collect(),
            s.color().into(),
            s.stroke_width(),
        ));
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        self.ops
            .borrow_mut()
            .push(Op::Polygon(path.into_iter().collect(), s.color().into()));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        self.ops
            .borrow_mut()
            .push(Op::Circle(c, r, s.color().into(), fill));
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        s: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        let anchor = s.anchor();
        let across = match anchor.h_pos {
            HPos::Left => "left",
            HPos::Center => "center",
            HPos::Right => "right",
        };
        let up = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "center",
            VPos::Bottom => "bottom",
        };
        self.ops
            .borrow_mut()
            .push(Op::Text(text.to_string(), pos, [across, up]));
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        s: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<NoError>> {
        Ok((
            super::svg::text_width(text, s.size()) as u32,
            s.size() as u32,
        ))
    }
}
