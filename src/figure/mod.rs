//! The page's figure as one SVG document: the plot (the curve, the map of f(x, y) or the 3-D
//! surface, with every run's path and ball and Explain's arrows) over the loss chart. The page's
//! Export menu and `descent plot` both call [`svg`] on a demo, so the same state gives the same
//! bytes. It knows nothing of browsers: the drawing goes through [`crate::render`] onto the
//! SVG backend, and the raster layers (the map's colours, the surface) become PNG images.

use crate::demo::Demo;
use crate::render::{
    data_url, draw_arrows, draw_arrows_3d, draw_contours, draw_coord_axes, draw_coords, draw_curve,
    draw_floor, draw_loss_axes, draw_plane_axes, draw_race, draw_race_3d, draw_race_loss,
    draw_scene_names, scene_rect, value_range, Curve, Field, Frame, Svg, Theme, MESH,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;

/// The figure's size when none is asked for, in CSS pixels.
pub const SIZE: (u32, u32) = (800, 600);
/// The least and the most width or height, in CSS pixels.
pub const SIDES: [u32; 2] = [200, 4000];
/// Drawing pixels per CSS pixel: lines and type are laid out as on a screen of pixel ratio 2,
/// so the raster layers stay sharp when the figure is enlarged.
const SCALE: f64 = 2.0;
/// The plot's share of the height below the headings; the loss chart has the rest.
const PLOT_SHARE: f64 = 0.7;
/// The height of a heading's band, in CSS pixels, and its type's size.
const HEADING: (f64, f64) = (26.0, 15.0);
/// The most cells across the map of f(x, y) (the page's own limit).
const FIELD_CELLS: usize = 300;
/// The fonts: the reader's system font, as on the page.
const FONTS: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/// What went wrong drawing a figure, in words.
fn drawing<E: std::fmt::Display>(e: E) -> String {
    format!("the figure could not be drawn: {e}")
}

/// Writes raster images into the document, between the backend's elements.
struct Images(Rc<RefCell<String>>);

impl Images {
    /// `rgba` (`size` pixels) stretched over `place` ([left, top, right, bottom] in `area`).
    fn put<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        rgba: &[u8],
        size: (usize, usize),
        place: [f64; 4],
    ) {
        if size.0 == 0 || size.1 == 0 {
            return;
        }
        let (x, y) = area.get_base_pixel();
        let l = crate::fmt::float(place[0] + f64::from(x));
        let t = crate::fmt::float(place[1] + f64::from(y));
        let (w, h) = (
            crate::fmt::float(place[2] - place[0]),
            crate::fmt::float(place[3] - place[1]),
        );
        let _ = writeln!(
            self.0.borrow_mut(),
            "<image x=\"{l}\" y=\"{t}\" width=\"{w}\" height=\"{h}\" preserveAspectRatio=\"none\" xlink:href=\"{}\"/>",
            data_url(rgba, size)
        );
    }
}

/// The demo's figure as an SVG document `size` CSS pixels large. `wrap` turns the SVG backend
/// into the backend that draws (the page wraps it in its own, so the drawing code exists once
/// in its module; elsewhere it is the SVG backend itself).
pub fn svg<DB: DrawingBackend>(
    demo: &Demo,
    size: (u32, u32),
    wrap: impl FnOnce(Svg) -> DB,
) -> Result<String, String> {
    let theme = Theme {
        dpr: SCALE,
        ..Theme::light()
    };
    let (w, h) = (
        size.0.clamp(SIDES[0], SIDES[1]),
        size.1.clamp(SIDES[0], SIDES[1]),
    );
    let px = ((f64::from(w) * SCALE) as u32, (f64::from(h) * SCALE) as u32);
    let doc = Rc::new(RefCell::new(String::new()));
    {
        let mut d = doc.borrow_mut();
        let title = crate::render::svg::escape(&demo.words().plot);
        let _ = writeln!(
            d,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {} {}\" font-family=\"{FONTS}\" role=\"img\">\n<title>{title}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
            px.0, px.1
        );
    }
    let images = Images(doc.clone());
    let area = wrap(Svg::new(px, doc.clone())).into_drawing_area();
    let band = theme.px(HEADING.0).round() as u32;
    let split = ((f64::from(px.1) - 2.0 * f64::from(band)) * PLOT_SHARE).round() as u32;
    let headings = demo.headings();
    let (title, rest) = area.split_vertically(band);
    let (plot, rest) = rest.split_vertically(split);
    let (loss_title, loss) = rest.split_vertically(band);
    heading(&title, &headings.formula, &theme)?;
    let y = draw_plot(&plot, demo, &theme, &images)?;
    heading(&loss_title, &headings.loss, &theme)?;
    legend(&loss_title, demo, &theme)?;
    draw_loss(&loss, demo, y, &theme)?;
    drop((title, plot, loss_title, loss, area));
    let mut out = Rc::try_unwrap(doc)
        .map(RefCell::into_inner)
        .unwrap_or_else(|d| d.borrow().clone());
    out.push_str("</svg>\n");
    Ok(out)
}

/// A heading in bold type, at the left of its band, as the page's headings are.
fn heading<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    theme: &Theme,
) -> Result<(), String> {
    let style = (FontFamily::SansSerif, theme.font(HEADING.1))
        .into_font()
        .style(FontStyle::Bold)
        .color(&theme.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let (x, y) = (theme.px(8.0), area.dim_in_pixel().1 as f64 / 2.0);
    area.draw(&Text::new(text, (x as i32, y as i32), style))
        .map_err(drawing)
}

/// In a race, each method's name after a dot of its colour, at the right of the band.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    demo: &Demo,
    theme: &Theme,
) -> Result<(), String> {
    let race = demo.race();
    if !race.racing() {
        return Ok(());
    }
    let (w, h) = area.dim_in_pixel();
    let y = (h / 2) as i32;
    let size = theme.font(12.0);
    let (dot, gap) = (theme.px(4.0), theme.px(16.0));
    let entry =
        |label: &str| 2.0 * dot + theme.px(5.0) + crate::render::svg::text_width(label, size);
    let lanes = race.lanes();
    let total: f64 = lanes.iter().map(|l| entry(l.method().label()) + gap).sum();
    let mut x = f64::from(w) - theme.px(14.0) - total + gap;
    for lane in lanes {
        let method = lane.method();
        let colour = theme.for_lane(method, true).ball;
        let at = ((x + dot) as i32, y);
        area.draw(&Circle::new(at, dot as i32, colour.filled()))
            .map_err(drawing)?;
        let style = (FontFamily::SansSerif, size)
            .into_font()
            .color(&theme.text)
            .pos(Pos::new(HPos::Left, VPos::Center));
        let left = (x + 2.0 * dot + theme.px(5.0)) as i32;
        area.draw(&Text::new(method.label(), (left, y), style))
            .map_err(drawing)?;
        x += entry(method.label()) + gap;
    }
    Ok(())
}

/// The plot: the function, every run's path and ball at the playback's step, and Explain's
/// arrows. Returns the range of f the loss chart shares (the curve's, for one variable).
fn draw_plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    demo: &Demo,
    theme: &Theme,
    images: &Images,
) -> Result<Option<[f64; 2]>, String> {
    let s = demo.settings();
    let (x, y) = ([s.xmin, s.xmax], [s.ymin, s.ymax]);
    let f = demo.race().function();
    let t = demo.playback().t();
    let w = area.dim_in_pixel().0;
    if demo.dim() > 2 {
        let dim = demo.dim();
        let values = demo
            .race()
            .values(|r, out| out.extend_from_slice(&r.x[..dim]));
        let frame = draw_coord_axes(area, s.steps, value_range(values), theme).map_err(drawing)?;
        draw_coords(area, &frame, demo.race(), t, theme).map_err(drawing)?;
        return Ok(None);
    }
    if demo.three_d() {
        draw_surface(area, demo, theme, images)?;
        return Ok(None);
    }
    let (frame, range): (Frame, _) = if demo.dim() == 1 {
        let curve = Curve::sample(f, x, Curve::samples(w));
        (
            draw_curve(area, &curve, x, theme).map_err(drawing)?,
            Some(curve.y),
        )
    } else {
        let frame = draw_plane_axes(area, x, y, theme).map_err(drawing)?;
        let (nx, ny) = Field::grid(frame.rect, theme.dpr, FIELD_CELLS);
        let field = Field::sample(f, frame.x, frame.y, nx, ny);
        images.put(area, &field.image, (nx, ny), frame.rect);
        draw_contours(area, &frame, &field, theme).map_err(drawing)?;
        (frame, None)
    };
    draw_race(area, &frame, demo.race(), t, 0.0, theme).map_err(drawing)?;
    if let Some(a) = demo.arrows() {
        draw_arrows(area, &frame, &a, theme).map_err(drawing)?;
    }
    Ok(range)
}

/// The 3-D view: the floor, the surface as an image, the labels, the paths and balls (faint
/// where the surface hides them) and Explain's arrows.
fn draw_surface<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    demo: &Demo,
    theme: &Theme,
    images: &Images,
) -> Result<(), String> {
    let s = demo.settings();
    let surface = crate::render::Surface::sample(
        demo.race().function(),
        [s.xmin, s.xmax],
        [s.ymin, s.ymax],
        MESH,
    );
    let size = area.dim_in_pixel();
    let view = surface.view((s.yaw, s.pitch), scene_rect(size, theme));
    draw_floor(area, &view, theme).map_err(drawing)?;
    let image = surface.raster(
        &view,
        (size.0 as usize, size.1 as usize),
        theme.line(1.0) as usize,
    );
    images.put(area, &image.rgba, image.size, image.place());
    draw_scene_names(area, &view, demo.race().names(), theme).map_err(drawing)?;
    let t = demo.playback().t();
    let hidden = |px, near| image.hides(px, near);
    draw_race_3d(area, &view, demo.race(), t, 0.0, theme, &hidden).map_err(drawing)?;
    if let Some(a) = demo.arrows() {
        let f = crate::objective::Objective::value(demo.race().function(), &a.from);
        draw_arrows_3d(area, &view, f, &a, theme).map_err(drawing)?;
    }
    Ok(())
}

/// The loss chart: f against the step for every run, up to the playback's step; `y`: the
/// plot's range of f, shared (else the runs' own).
fn draw_loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    demo: &Demo,
    y: Option<[f64; 2]>,
    theme: &Theme,
) -> Result<(), String> {
    let y = y.unwrap_or_else(|| value_range(demo.race().values(|r, out| out.push(r.f))));
    let frame = draw_loss_axes(area, demo.settings().steps, y, theme).map_err(drawing)?;
    let t = demo.playback().t();
    draw_race_loss(area, &frame, demo.race(), t, theme).map_err(drawing)
}
