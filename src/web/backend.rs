//! The one backend the page draws with: a canvas's context, or an SVG document (the Export
//! menu's SVG). One type for both keeps a single copy of every drawing function in the module:
//! each call is passed on to the backend inside.

use super::canvas::{CanvasError, Ctx2d, Text};
use super::dom::Res;
use crate::render::svg::{Ink, Look};
use crate::render::Svg;
use plotters::prelude::DrawingBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use web_sys::HtmlCanvasElement;

pub enum Canvas2d {
    Ctx(Ctx2d),
    Svg(Svg),
}

impl Canvas2d {
    /// Draws on `canvas`; its text is drawn or collected as `text` says.
    pub fn new(canvas: &HtmlCanvasElement, text: Text) -> Res<Canvas2d> {
        Ok(Canvas2d::Ctx(Ctx2d::new(canvas, text)?))
    }
}

type Error = DrawingErrorKind<CanvasError>;

// The SVG arms call the SVG backend's plain functions: its generic methods would be copied
// into every instantiation of these.

impl DrawingBackend for Canvas2d {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Canvas2d::Ctx(c) => c.get_size(),
            Canvas2d::Svg(s) => plotters::prelude::DrawingBackend::get_size(s),
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), Error> {
        Ok(())
    }

    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), Error> {
        match self {
            Canvas2d::Ctx(x) => x.draw_pixel(p, c),
            Canvas2d::Svg(s) => {
                s.pixel(p, c);
                Ok(())
            }
        }
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
    ) -> Result<(), Error> {
        match self {
            Canvas2d::Ctx(x) => x.draw_line(a, b, style),
            Canvas2d::Svg(s) => {
                s.path(&[a, b], Ink::of(style));
                Ok(())
            }
        }
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        match self {
            Canvas2d::Ctx(x) => x.draw_rect(a, b, style, fill),
            Canvas2d::Svg(s) => {
                s.rect(a, b, Ink::of(style), fill);
                Ok(())
            }
        }
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error> {
        match self {
            Canvas2d::Ctx(x) => x.draw_path(path, style),
            Canvas2d::Svg(s) => {
                let path: Vec<BackendCoord> = path.into_iter().collect();
                s.path(&path, Ink::of(style));
                Ok(())
            }
        }
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        match self {
            Canvas2d::Ctx(x) => x.draw_circle(center, radius, style, fill),
            Canvas2d::Svg(s) => {
                s.circle(center, radius, Ink::of(style), fill);
                Ok(())
            }
        }
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error> {
        match self {
            Canvas2d::Ctx(x) => x.fill_polygon(vert, style),
            Canvas2d::Svg(s) => {
                let path: Vec<BackendCoord> = vert.into_iter().collect();
                s.polygon(&path, style.color());
                Ok(())
            }
        }
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Error> {
        match self {
            Canvas2d::Ctx(x) => x.draw_text(text, style, pos),
            Canvas2d::Svg(s) => {
                s.text(text, pos, style.size(), style.color(), Look::of(style));
                Ok(())
            }
        }
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), Error> {
        match self {
            Canvas2d::Ctx(x) => x.estimate_text_size(text, style),
            // Nothing is measured in SVG, and nothing the figure draws asks.
            Canvas2d::Svg(_) => Ok((0, 0)),
        }
    }
}
