//! The 3-D view on the plot's two canvases: the floor, the surface's image and the labels on
//! the static layer (drawn again when the view turns), every run's path and ball on the moving
//! one. The surface's samples are kept until the function or the view's ranges change, so a
//! turn only projects and rasterises them again.

use super::backend::Canvas2d;
use super::canvas::Text;
use super::dom::Res;
use super::paint::{drawing, Painter};
use crate::demo::Demo;
use crate::render::{
    draw_arrows_3d, draw_floor, draw_race_3d, draw_scene_names, scene_rect, Frame, Image, Surface,
    Theme, View3d, MESH,
};
use plotters::prelude::IntoDrawingArea;
use web_sys::HtmlCanvasElement;

/// The 3-D view's caches: the sampled surface, and how the plot last showed it.
#[derive(Default)]
pub struct Solid {
    surface: Option<Surface>,
    /// How the plot shows it now: the view, and the image with its depths.
    pub(super) shown: Option<(View3d, Image)>,
}

impl Solid {
    /// The function or the view's ranges changed: sampled again at the next drawing.
    pub fn forget(&mut self) {
        self.surface = None;
    }
}

impl Painter {
    /// Draws the 3-D view's static layer on `canvas`: the floor and its axis, the surface,
    /// the labels. Returns the plot's rectangle (the view is kept for the moving layer and
    /// for clicks).
    pub(super) fn paint_surface(
        &mut self,
        demo: &Demo,
        canvas: &HtmlCanvasElement,
        text: Text,
        theme: &Theme,
    ) -> Res<Frame> {
        let s = demo.settings();
        let (x, y) = ([s.xmin, s.xmax], [s.ymin, s.ymax]);
        let mut surface = match self.solid.surface.take() {
            Some(sf) if (sf.x, sf.y) == (x, y) => sf,
            _ => Surface::sample(demo.race().function(), x, y, MESH),
        };
        // A basins map is painted on the surface, as the 2-D view lays it over the map.
        let basins = demo.map().filter(|_| s.map == "basins");
        let image = basins.map(|m| {
            (
                crate::render::map_image(&m.job, &m.which, s.steps, theme),
                m,
            )
        });
        surface.paint(image.as_ref().map(|(i, m)| (&i[..], m.job.size())), 0.8);
        let size = (canvas.width(), canvas.height());
        let rect = scene_rect(size, theme);
        let view = surface.view((s.yaw, s.pitch), rect);
        let area = Canvas2d::new(canvas, text)?.into_drawing_area();
        draw_floor(&area, &view, theme).map_err(drawing)?;
        let image = surface.raster(
            &view,
            (size.0 as usize, size.1 as usize),
            theme.line(1.0) as usize,
        );
        if image.size.0 > 0 && image.size.1 > 0 {
            let place = image.place();
            super::map::draw_image(canvas, &image.rgba, image.size, place, 1.0, false)?;
        }
        draw_scene_names(&area, &view, demo.race().names(), theme).map_err(drawing)?;
        self.solid.surface = Some(surface);
        self.solid.shown = Some((view, image));
        Ok(Frame { x, y, rect })
    }

    /// Draws every run's path and ball in the 3-D view on `canvas`.
    pub(super) fn paint_marks_3d(
        &self,
        demo: &Demo,
        canvas: &HtmlCanvasElement,
        theme: &Theme,
        phase: f64,
    ) -> Res {
        let Some((view, image)) = &self.solid.shown else {
            return Ok(());
        };
        let area = Canvas2d::new(canvas, Text::Draw)?.into_drawing_area();
        let t = demo.playback().t();
        let hidden = |px, near| image.hides(px, near);
        draw_race_3d(&area, view, demo.race(), t, phase, theme, &hidden).map_err(drawing)?;
        // Explain's arrows, level from the ball.
        match demo.arrows() {
            Some(a) => {
                let f = crate::objective::Objective::value(demo.race().function(), &a.from);
                draw_arrows_3d(&area, view, f, &a, theme).map_err(drawing)
            }
            None => Ok(()),
        }
    }

    /// The point of the surface (or else of the floor) under a pointer at `offset` (CSS
    /// pixels from the plot's corner), when the plot shows the 3-D view.
    pub fn surface_at(&self, offset: (f64, f64)) -> Option<[f64; 2]> {
        let (surface, (view, _)) = (self.solid.surface.as_ref()?, self.solid.shown.as_ref()?);
        let px = (offset.0 * self.theme.dpr, offset.1 * self.theme.dpr);
        surface.hit(view, px)
    }

    /// Whether the plot shows the 3-D view.
    pub fn in_3d(&self) -> bool {
        self.solid.shown.is_some()
    }
}
