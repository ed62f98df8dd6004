//! The control panel, built from the parameter table: one native control with a visible label
//! per parameter, the playback buttons, and the places where messages appear.

use super::dom::{append, find, make, set_attr, show, text_el, unique_id, Res};
use crate::fmt::{compact, float};
use crate::settings::{Control, Group, Kind, Param, Settings, Value, PARAMS, SLIDER_STEPS};
use wasm_bindgen::JsCast;
use web_sys::{
    Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlOptionElement, HtmlSelectElement,
};

/// The inputs of one parameter.
pub struct Field {
    pub param: &'static Param,
    pub wrapper: HtmlElement,
    /// The visible label.
    pub label: HtmlElement,
    /// The slider, for `Control::Slider`.
    pub slider: Option<HtmlInputElement>,
    /// The number or text box.
    pub input: Option<HtmlInputElement>,
    pub select: Option<HtmlSelectElement>,
    /// The check box, for `Control::Toggle`.
    pub toggle: Option<HtmlInputElement>,
    /// The check boxes of a `Control::Checks`.
    pub checks: Vec<HtmlInputElement>,
    /// The value (and slider range) the controls show, once synced.
    shown: std::cell::RefCell<Option<(Value, [f64; 2])>>,
}

/// Everything the panel holds.
pub struct Controls {
    pub fields: Vec<Field>,
    /// The `role="alert"` message under the expression box.
    pub alert: HtmlElement,
    pub play: HtmlButtonElement,
    /// The collapsible trace table.
    pub trace: web_sys::HtmlDetailsElement,
    pub table: HtmlElement,
    pub copy_note: HtmlElement,
}

fn field(param: &'static Param) -> Field {
    let wrapper: HtmlElement = make("div", &format!("descent-field descent-field-{}", param.key));
    let id = unique_id(param.key);
    let label: HtmlElement = text_el("label", "descent-label", param.label);
    super::dom::attr(&label, "for", &id);
    super::dom::attr(&label, "title", param.help);
    let mut f = Field {
        param,
        wrapper: wrapper.clone(),
        label: label.clone(),
        slider: None,
        input: None,
        select: None,
        toggle: None,
        checks: Vec::new(),
        shown: std::cell::RefCell::new(None),
    };
    match param.control {
        Control::Select => {
            let select: HtmlSelectElement = make("select", "descent-select");
            super::dom::attr(&select, "id", &id);
            super::dom::attr(&select, "data-key", param.key);
            // The lessons' challenges go in a group of their own.
            let mut challenges: Option<Element> = None;
            for (key, text) in param.choices() {
                let opt: HtmlOptionElement = text_el("option", "", text);
                opt.set_value(key);
                let challenge = param.key == "lesson"
                    && crate::settings::scenario(key).is_some_and(|l| l.is_challenge());
                match (&challenges, challenge) {
                    (_, false) => super::dom::append(&select, &[&opt]),
                    (Some(group), true) => super::dom::append(group, &[&opt]),
                    (None, true) => {
                        let group: Element = make("optgroup", "");
                        super::dom::attr(&group, "label", "Challenges");
                        super::dom::append(&group, &[&opt]);
                        super::dom::append(&select, &[&group]);
                        challenges = Some(group);
                        continue;
                    }
                };
            }
            // A typed function is none of the presets: the menu then says so (an option shown
            // but not offered; choosing a preset replaces the typed function).
            if param.key == "preset" {
                let typed: HtmlOptionElement = text_el("option", "", "Typed function");
                typed.set_value("");
                typed.set_hidden(true);
                super::dom::append(&select, &[&typed]);
            }
            append(&wrapper, &[&label, &select]);
            f.select = Some(select);
        }
        Control::Text => {
            let input: HtmlInputElement = make("input", "descent-text");
            super::dom::attr(&input, "type", "text");
            super::dom::attr(&input, "id", &id);
            super::dom::attr(&input, "data-key", param.key);
            super::dom::attr(&input, "spellcheck", "false");
            super::dom::attr(&input, "autocomplete", "off");
            super::dom::attr(&input, "autocapitalize", "off");
            super::dom::attr(&input, "inputmode", "text");
            if let Kind::Text { max_len } = param.kind {
                super::dom::attr(&input, "maxlength", &max_len.to_string());
            }
            let hint = match param.kind {
                Kind::Coords { .. } => "one number per variable, e.g. 2, -5, 7",
                _ => "type a function, e.g. x^2 - 4*x",
            };
            super::dom::attr(&input, "placeholder", hint);
            append(&wrapper, &[&label, &input]);
            f.input = Some(input);
        }
        Control::Slider(_) => {
            let slider: HtmlInputElement = make("input", "descent-slider");
            super::dom::attr(&slider, "type", "range");
            super::dom::attr(&slider, "id", &id);
            super::dom::attr(&slider, "data-key", param.key);
            super::dom::attr(&slider, "min", "0");
            super::dom::attr(&slider, "max", &float(SLIDER_STEPS));
            super::dom::attr(&slider, "step", "1");
            let number = number_box(param);
            super::dom::attr(&number, "aria-label", &format!("{} value", param.label));
            let row: HtmlElement = make("div", "descent-slider-row");
            append(&row, &[&slider, &number]);
            append(&wrapper, &[&label, &row]);
            f.slider = Some(slider);
            f.input = Some(number);
        }
        Control::Number => {
            let number = number_box(param);
            super::dom::attr(&number, "id", &id);
            append(&wrapper, &[&label, &number]);
            f.input = Some(number);
        }
        Control::Toggle => {
            let check: HtmlInputElement = make("input", "descent-check");
            super::dom::attr(&check, "type", "checkbox");
            super::dom::attr(&check, "id", &id);
            super::dom::attr(&check, "data-key", param.key);
            super::dom::set_class(&wrapper, "descent-field-toggle", true);
            append(&wrapper, &[&check, &label]);
            f.toggle = Some(check);
        }
        Control::Checks => {
            // A group of check boxes, labelled by its legend; each also a swatch of its
            // method's colour, so the group is the race's key too.
            let group: HtmlElement = make("fieldset", "descent-checks");
            let legend: HtmlElement = text_el("legend", "descent-label", param.label);
            super::dom::attr(&legend, "title", param.help);
            super::dom::append(&group, &[&legend]);
            for (key, text) in param.choices() {
                let item: HtmlElement = make("label", "descent-check-item");
                let check: HtmlInputElement = make("input", "descent-check");
                super::dom::attr(&check, "type", "checkbox");
                super::dom::attr(&check, "data-key", param.key);
                super::dom::attr(&check, "data-value", key);
                let swatch: HtmlElement = make("span", "descent-swatch");
                super::dom::attr(&swatch, "data-method", key);
                super::dom::attr(&swatch, "aria-hidden", "true");
                let name: HtmlElement = text_el("span", "", text);
                append(&item, &[&check, &swatch, &name]);
                super::dom::append(&group, &[&item]);
                f.checks.push(check);
            }
            wrapper.set_text_content(None);
            super::dom::append(&wrapper, &[&group]);
        }
        Control::Hidden => {}
    }
    f
}

fn number_box(param: &Param) -> HtmlInputElement {
    let input: HtmlInputElement = make("input", "descent-number");
    super::dom::attr(&input, "type", "number");
    super::dom::attr(&input, "data-key", param.key);
    super::dom::attr(&input, "step", "any");
    super::dom::attr(&input, "inputmode", "decimal");
    if let Kind::Number { min, max, .. } = param.kind {
        super::dom::attr(&input, "min", &float(min));
        super::dom::attr(&input, "max", &float(max));
    }
    input
}

impl Controls {
    /// Builds the controls for `settings` in the page's template under `root`, showing the
    /// parameters `visible` accepts.
    pub fn build(
        root: &Element,
        settings: &Settings,
        visible: impl Fn(&Param) -> bool,
    ) -> Res<Controls> {
        let panel: HtmlElement = find(root, ".descent-panel");
        let main: HtmlElement = find(&panel, ".descent-controls");
        let more: Element = find(&panel, ".descent-more");
        let more_grid: HtmlElement = find(&more, "div");
        let toolbar: HtmlElement = find(root, ".descent-toolbar");
        let play = find(&toolbar, ".descent-play");

        let mut fields = Vec::new();
        let alert: HtmlElement = find(&main, ".descent-alert");
        alert.set_id(&unique_id("alert"));
        // Off the page unless the expression box is shown, below it.
        alert.remove();
        for param in PARAMS
            .iter()
            .filter(|p| p.control != Control::Hidden && visible(p))
        {
            let f = field(param);
            let home = match param.group {
                Group::Main => &main,
                Group::More => &more_grid,
                Group::Playback => &toolbar,
            };
            super::dom::append(home, &[&f.wrapper]);
            if param.key == "f" {
                super::dom::append(&f.wrapper, &[&alert]);
                if let Some(input) = &f.input {
                    super::dom::attr(input, "aria-describedby", &alert.id());
                }
            }
            fields.push(f);
        }
        // The 3-D view's button and the Step scrubber after the playback controls.
        let turn: Element = find(&toolbar, ".descent-view-reset");
        let scrub: Element = find(&toolbar, ".descent-scrub");
        append(&toolbar, &[&turn, &scrub]);
        if more_grid.child_element_count() == 0 {
            more.remove();
        }
        let trace: web_sys::HtmlDetailsElement = find(&panel, ".descent-trace");
        let table = find(&trace, "table");
        let copy_note = find(&trace, ".descent-copy-note");
        let controls = Controls {
            fields,
            alert,
            play,
            trace,
            table,
            copy_note,
        };
        controls.sync(settings, settings.dim(), None)?;
        Ok(controls)
    }

    /// Shows `settings` in every control but `except` (the one being edited); `dim` is the
    /// number of variables of the function shown.
    pub fn sync(
        &self,
        settings: &Settings,
        dim: usize,
        except: Option<&web_sys::EventTarget>,
    ) -> Res {
        let skip =
            |el: &Element| except.is_some_and(|e| e == el.unchecked_ref::<web_sys::EventTarget>());
        for f in &self.fields {
            let value = match f.param.key {
                "f" => Value::Text(settings.formula().to_string()),
                "preset" if !settings.expr.trim().is_empty() => Value::Text(String::new()),
                _ => f.param.value(settings),
            };
            // Shown only where it means something (a step size with a step schedule).
            show(&f.wrapper, settings.matters(f.param.key, dim));
            let range = f.param.slider_range(settings);
            let elements: [Option<&Element>; 4] = [
                f.select.as_ref().map(|e| e.unchecked_ref()),
                f.input.as_ref().map(|e| e.unchecked_ref()),
                f.slider.as_ref().map(|e| e.unchecked_ref()),
                f.toggle.as_ref().map(|e| e.unchecked_ref()),
            ];
            let source = elements.iter().flatten().any(|el| skip(el));
            // Unchanged since it was last shown: nothing to do (formatting and touching the
            // DOM for every control on every slider move would cost more than the drawing).
            let shown = Some((value.clone(), range));
            if !source && *f.shown.borrow() == shown {
                continue;
            }
            *f.shown.borrow_mut() = if source { None } else { shown };
            let text = match &value {
                Value::Num(v) => compact(*v),
                Value::Text(t) => t.clone(),
            };
            if let Some(sel) = &f.select {
                if !skip(sel) && sel.value() != text {
                    sel.set_value(&text);
                }
            }
            if let Some(input) = &f.input {
                if !skip(input) && input.value() != text {
                    input.set_value(&text);
                }
            }
            if let Some(check) = &f.toggle {
                check.set_checked(text == "1");
            }
            for check in &f.checks {
                let key = check.get_attribute("data-value").unwrap_or_default();
                check.set_checked(text.split(',').any(|k| k == key));
            }
            if let Some(slider) = &f.slider {
                let pos = match value {
                    Value::Num(v) => f.param.to_slider(v, range),
                    Value::Text(_) => 0.0,
                };
                if !skip(slider) {
                    slider.set_value(&float(pos));
                }
                set_attr(slider, "aria-valuetext", &text);
            }
        }
        Ok(())
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.param.key == key)
    }
}
