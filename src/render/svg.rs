//! The SVG backend: plotters' shapes written as SVG elements into one shared document, so
//! that raster layers (the map's colours, the 3-D surface) can be put between them as PNG
//! images in the order they are drawn. Text is real `<text>`, in system fonts.
//!
//! Coordinates are the drawing's pixels; the document that holds them says how large they are
//! shown (see [`crate::figure`]).

use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;

/// A backend writing SVG elements into a document it shares with whoever made it.
pub struct Svg {
    size: (u32, u32),
    doc: Rc<RefCell<String>>,
}

/// Writing to a `String` cannot fail: the backend's errors never happen.
#[derive(Debug)]
pub struct SvgError;

impl std::fmt::Display for SvgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("svg")
    }
}

impl std::error::Error for SvgError {}

type Res = Result<(), DrawingErrorKind<SvgError>>;

/// `text` with the five characters XML gives meaning escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// About how wide `text` is set `size` pixels high in a sans-serif face (nothing is measured
/// in SVG): wide, narrow and capital letters apart.
pub fn text_width(text: &str, size: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'm' | 'w' | 'M' | 'W' => 0.85,
            'i' | 'l' | 'j' | 't' | 'f' | 'r' | ' ' | '.' | ',' => 0.32,
            c if c.is_uppercase() => 0.68,
            _ => 0.56,
        })
        .sum();
    em * size
}

/// A colour as SVG writes it: `#rrggbb`.
fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The opacity attribute of `c`, empty when it is opaque.
fn opacity(name: &str, c: BackendColor) -> String {
    if c.alpha >= 1.0 {
        String::new()
    } else {
        format!(" {name}-opacity=\"{}\"", crate::fmt::float(c.alpha))
    }
}

impl Svg {
    /// A backend of `size` pixels writing into `doc`.
    pub fn new(size: (u32, u32), doc: Rc<RefCell<String>>) -> Svg {
        Svg { size, doc }
    }

    /// Writes one element, `<{name} {attrs} …/>`, painted `c`: filled, or stroked `width`
    /// wide. The work of every shape is here, in one copy whatever the styles' types.
    fn put(&self, name: &str, attrs: &str, c: BackendColor, fill: bool, width: u32) {
        if c.alpha <= 0.0 {
            return;
        }
        let mut doc = self.doc.borrow_mut();
        let colour = hex(c.rgb);
        // Writing to a String cannot fail.
        let _ = if fill {
            write!(
                doc,
                "<{name} {attrs} fill=\"{colour}\"{}",
                opacity("fill", c)
            )
        } else {
            write!(
                doc,
                "<{name} {attrs} fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{}",
                opacity("stroke", c)
            )
        };
        doc.push_str("/>\n");
    }

    /// A polyline or a polygon through `path`.
    fn poly(&self, name: &str, path: &[BackendCoord], c: BackendColor, fill: bool, width: u32) {
        let mut attrs = String::from("points=\"");
        for (k, (x, y)) in path.iter().enumerate() {
            let gap = if k == 0 { "" } else { " " };
            let _ = write!(attrs, "{gap}{x},{y}");
        }
        attrs.push_str("\" stroke-linejoin=\"round\"");
        self.put(name, &attrs, c, fill, width);
    }

    /// `text` at `at`, `size` pixels high: `anchor` says where that point is on it, `turn`
    /// its rotation in degrees.
    pub fn text(&self, text: &str, at: BackendCoord, size: f64, c: BackendColor, look: Look) {
        if c.alpha <= 0.0 {
            return;
        }
        let (x, y) = at;
        let anchor = match look.h {
            HPos::Left => "start",
            HPos::Center => "middle",
            HPos::Right => "end",
        };
        // Where the point is on the text, as a shift of the baseline in ems (dominant-baseline
        // is not read by every SVG viewer).
        let dy = match look.v {
            VPos::Top => "0.8em",
            VPos::Center => "0.35em",
            VPos::Bottom => "-0.2em",
        };
        let rotate = match look.turn {
            0 => String::new(),
            turn => format!(" transform=\"rotate({turn} {x} {y})\""),
        };
        let weight = if look.bold {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let _ = writeln!(
            self.doc.borrow_mut(),
            "<text x=\"{x}\" y=\"{y}\" dy=\"{dy}\" font-size=\"{}\" text-anchor=\"{anchor}\"{weight} fill=\"{}\"{}{rotate}>{}</text>",
            crate::fmt::float(size),
            hex(c.rgb),
            opacity("fill", c),
            escape(text)
        );
    }

    // The shapes, one plain function each: the backend's generic methods (and the page's
    // backend, which passes calls on) all come here, so no copy is made per style type.

    /// A pixel: a 1 × 1 square at `p`.
    pub fn pixel(&self, p: BackendCoord, c: BackendColor) {
        self.put("rect", &rect_attrs(p, (p.0 + 1, p.1 + 1)), c, true, 0);
    }

    /// A rectangle from corner `a` to corner `b`, filled or outlined.
    pub fn rect(&self, a: BackendCoord, b: BackendCoord, ink: Ink, fill: bool) {
        self.put("rect", &rect_attrs(a, b), ink.color, fill, ink.width);
    }

    /// A line through `path`.
    pub fn path(&self, path: &[BackendCoord], ink: Ink) {
        self.poly("polyline", path, ink.color, false, ink.width);
    }

    /// A circle of radius `r` about `at`, filled or outlined.
    pub fn circle(&self, at: BackendCoord, r: u32, ink: Ink, fill: bool) {
        self.put("circle", &circle_attrs(at, r), ink.color, fill, ink.width);
    }

    /// A polygon through `path`, filled.
    pub fn polygon(&self, path: &[BackendCoord], c: BackendColor) {
        self.poly("polygon", path, c, true, 0);
    }
}

/// How a shape is painted: its colour, and its line's width.
#[derive(Clone, Copy)]
pub struct Ink {
    pub color: BackendColor,
    pub width: u32,
}

impl Ink {
    /// How `s` paints.
    pub fn of<S: BackendStyle>(s: &S) -> Ink {
        Ink {
            color: s.color(),
            width: s.stroke_width(),
        }
    }
}

/// How a text is set: where its point is on it, its rotation in degrees, its weight.
pub struct Look {
    pub h: HPos,
    pub v: VPos,
    pub turn: u32,
    pub bold: bool,
}

impl Look {
    /// How `s` sets a text.
    pub fn of<S: BackendTextStyle>(s: &S) -> Look {
        let anchor = s.anchor();
        Look {
            h: anchor.h_pos,
            v: anchor.v_pos,
            turn: match s.transform() {
                FontTransform::None => 0,
                FontTransform::Rotate90 => 90,
                FontTransform::Rotate180 => 180,
                FontTransform::Rotate270 => 270,
            },
            bold: s.style().as_str() == "bold",
        }
    }
}

/// A shape's corner-to-corner attributes: `x`, `y`, `width` and `height`.
fn rect_attrs(a: BackendCoord, b: BackendCoord) -> String {
    let (x, y) = (a.0.min(b.0), a.1.min(b.1));
    let (w, h) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
    format!("x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\"")
}

/// A circle's attributes.
fn circle_attrs((x, y): BackendCoord, r: u32) -> String {
    format!("cx=\"{x}\" cy=\"{y}\" r=\"{r}\"")
}

impl DrawingBackend for Svg {
    type ErrorType = SvgError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Res {
        Ok(())
    }

    fn present(&mut self) -> Res {
        Ok(())
    }

    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Res {
        self.pixel(p, c);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> Res {
        self.path(&[a, b], Ink::of(s));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Res {
        self.rect(a, b, Ink::of(s), fill);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Res {
        let path: Vec<BackendCoord> = path.into_iter().collect();
        self.path(&path, Ink::of(s));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, at: BackendCoord, r: u32, s: &S, fill: bool) -> Res {
        self.circle(at, r, Ink::of(s), fill);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Res {
        let path: Vec<BackendCoord> = path.into_iter().collect();
        self.polygon(&path, s.color());
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, s: &S, at: BackendCoord) -> Res {
        self.text(text, at, s.size(), s.color(), Look::of(s));
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        s: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<SvgError>> {
        Ok((text_width(text, s.size()) as u32, s.size() as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::{Rc, RefCell, Svg};
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

    /// What `draw` writes, parsed inside an `<svg>` element.
    fn drawn(draw: impl FnOnce(&DrawingArea<Svg, plotters::coord::Shift>)) -> String {
        let doc = Rc::new(RefCell::new(String::new()));
        let area = Svg::new((200, 100), doc.clone()).into_drawing_area();
        draw(&area);
        drop(area);
        let text = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\">{}</svg>",
            doc.borrow()
        );
        roxmltree::Document::parse(&text).expect("XML");
        text
    }

    #[test]
    fn text_widths_tell_wide_narrow_and_capital_letters_apart() {
        let near = |text: &str, size: f64, width: f64| {
            let got = super::text_width(text, size);
            assert!((got - width).abs() < 1e-9, "{text}: {got} for {width}");
        };
        near("Adam", 10.0, 26.5);
        near("il t.", 10.0, 16.0);
        near("Mw", 20.0, 34.0);
        near("", 20.0, 0.0);
    }

    #[test]
    fn text_is_escaped_anchored_and_turned() {
        let svg = drawn(|a| {
            let style = ("sans-serif", 20.0)
                .into_font()
                .color(&RGBColor(1, 2, 255))
                .pos(Pos::new(HPos::Right, VPos::Top))
                .transform(FontTransform::Rotate270);
            a.draw(&Text::new("a<b & \"c\" 'd'", (10, 20), style))
                .unwrap();
        });
        assert!(
            svg.contains("<text x=\"10\" y=\"20\" dy=\"0.8em\" font-size=\"20\" text-anchor=\"end\" fill=\"#0102ff\" transform=\"rotate(270 10 20)\">a&lt;b &amp; &quot;c&quot; &#39;d&#39;</text>"),
            "{svg}"
        );
    }

    #[test]
    fn shapes_carry_their_colour_width_and_opacity() {
        let svg = drawn(|a| {
            let faint = RGBColor(255, 0, 0).mix(0.25);
            a.draw(&PathElement::new(
                vec![(1, 2), (3, 4), (5, 6)],
                faint.stroke_width(3),
            ))
            .unwrap();
            a.draw(&Circle::new((50, 60), 7, BLUE.filled())).unwrap();
            a.draw(&Rectangle::new([(9, 8), (20, 30)], GREEN.stroke_width(2)))
                .unwrap();
            a.draw(&Polygon::new(
                vec![(0, 0), (5, 0), (0, 5)],
                BLACK.mix(0.5).filled(),
            ))
            .unwrap();
            // Nothing is written for what cannot be seen.
            a.draw(&Circle::new((1, 1), 2, TRANSPARENT.filled()))
                .unwrap();
        });
        for element in [
            "<polyline points=\"1,2 3,4 5,6\" stroke-linejoin=\"round\" fill=\"none\" stroke=\"#ff0000\" stroke-width=\"3\" stroke-opacity=\"0.25\"/>",
            "<circle cx=\"50\" cy=\"60\" r=\"7\" fill=\"#0000ff\"/>",
            "<rect x=\"9\" y=\"8\" width=\"11\" height=\"22\" fill=\"none\" stroke=\"#00ff00\" stroke-width=\"2\"/>",
            "<polygon points=\"0,0 5,0 0,5\" stroke-linejoin=\"round\" fill=\"#000000\" fill-opacity=\"0.5\"/>",
        ] {
            assert!(svg.contains(element), "{element} in {svg}");
        }
        assert_eq!(svg.matches("<circle").count(), 1, "{svg}");
    }

    #[test]
    fn pixels_and_lines_are_drawn_where_asked() {
        let svg = drawn(|a| {
            a.draw_pixel((5, 6), &RED).unwrap();
        });
        assert!(
            svg.contains("<rect x=\"5\" y=\"6\" width=\"1\" height=\"1\" fill=\"#ff0000\"/>"),
            "{svg}"
        );
        // A straight line, as plotters' own elements ask the backend for it.
        let doc = Rc::new(RefCell::new(String::new()));
        let mut backend = Svg::new((200, 100), doc.clone());
        backend
            .draw_line((1, 2), (30, 40), &BLUE.stroke_width(2))
            .unwrap();
        assert_eq!(
            *doc.borrow(),
            "<polyline points=\"1,2 30,40\" stroke-linejoin=\"round\" fill=\"none\" stroke=\"#0000ff\" stroke-width=\"2\"/>\n"
        );
    }

    #[test]
    fn the_area_has_the_backends_size_and_measures_text_as_text_width_does() {
        drawn(|a| {
            assert_eq!(a.dim_in_pixel(), (200, 100));
            let font = ("sans-serif", 20.0).into_text_style(a);
            // Plotters lays out labels with this estimate: "Mw" is 1.7 em wide.
            assert_eq!(a.estimate_text_size("Mw", &font).unwrap(), (34, 20));
        });
    }
}
