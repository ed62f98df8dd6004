//! DOM events into inputs: each event an instance hears becomes an [`Action`] for the demo
//! core, or one of the few things only the page can do (a timer for typing, an export, mounting
//! again from a changed link). The target says which control an event came from
//! (`data-key`, `data-action`); nothing is decided here.

use super::paint::Painter;
use crate::demo::{Action, DataAction, Orbit, KEY_PITCH, KEY_YAW};
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, HtmlInputElement, KeyboardEvent, MouseEvent};

/// Something to do about an event.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// An action for the demo core.
    Act(Action),
    /// A key typed in the function's box: the function is applied after a pause in typing.
    Typing,
    /// Enter in the function's box: applied now.
    TypeNow(String),
    /// A button of the share row or the trace table.
    Export(Export),
    /// The link changed by hand, or by going back: the demo is mounted again from it.
    Remount,
    /// The colour scheme or the motion preference changed.
    MediaChanged,
    /// A key of the demo's own (the page must not also act on it).
    Key(Action),
    /// A text area got the focus: its text is selected, ready to copy.
    Select(web_sys::HtmlTextAreaElement),
    /// The pointer is over a chart (for the read-out under it), or left it.
    Over(Over),
    /// The Data box's Apply button: its text becomes the data.
    ApplyData,
    /// The page is about to be printed (`true`), or was (`false`).
    Print(bool),
}

/// What the pointer is over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Over {
    /// The plot, at this point of the data (`None`: in its margins).
    Plot(Option<[f64; 2]>),
    /// The loss chart, at this step.
    Loss(usize),
    /// Neither.
    Nothing,
}

/// What the export buttons do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    CopyCsv,
    CopyLink,
    Embed,
    Png,
    Svg,
    Csv,
}

/// What kind of element has the focus: one that types, a slider, or a button.
fn entry(target: Option<&EventTarget>) -> (bool, bool, bool) {
    let Some(el) = target.and_then(|t| t.dyn_ref::<Element>()) else {
        return (false, false, false);
    };
    let tag = el.tag_name().to_ascii_lowercase();
    let kind = el
        .dyn_ref::<HtmlInputElement>()
        .map(|i| i.type_())
        .unwrap_or_default();
    let typing = tag == "textarea" || tag == "select" || (tag == "input" && kind != "range");
    (typing, kind == "range", tag == "button" || tag == "summary")
}

/// The keys: Space plays or pauses, → steps, ← steps back, R resets. Keys meant for a text
/// box, a slider or a button are left to them.
pub fn key(e: &KeyboardEvent) -> Option<Action> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let (typing, slider, button) = entry(e.target().as_ref());
    if typing {
        return None;
    }
    match e.key().as_str() {
        " " | "Spacebar" if !button => Some(Action::Play),
        "ArrowRight" if !slider => Some(Action::Step),
        "ArrowLeft" if !slider => Some(Action::Back),
        "r" | "R" => Some(Action::Reset),
        _ => None,
    }
}

/// Shift and an arrow key on the 3-D view: a turn (← → about the vertical, ↑ ↓ up and down).
fn turn_key(key: &str) -> Option<Orbit> {
    let (yaw, pitch) = match key {
        "ArrowLeft" => (KEY_YAW, 0.0),
        "ArrowRight" => (-KEY_YAW, 0.0),
        "ArrowUp" => (0.0, KEY_PITCH),
        "ArrowDown" => (0.0, -KEY_PITCH),
        _ => return None,
    };
    Some(Orbit::Turn { yaw, pitch })
}

/// The checked values of the group of check boxes `input` belongs to, comma-separated.
fn group_value(input: &HtmlInputElement) -> String {
    let picked: Vec<String> = input
        .closest("fieldset")
        .ok()
        .flatten()
        .and_then(|group| group.query_selector_all("input:checked").ok())
        .map(|boxes| {
            (0..boxes.length())
                .filter_map(|k| boxes.get(k))
                .filter_map(|n| n.dyn_into::<Element>().ok())
                .filter_map(|b| b.get_attribute("data-value"))
                .collect()
        })
        .unwrap_or_default();
    crate::fmt::join(&picked, ",")
}

/// An input event: a control's new value.
fn input(key: String, target: &EventTarget) -> Option<Input> {
    let set = |value: String| {
        Some(Input::Act(Action::Set {
            key: key.clone(),
            value,
        }))
    };
    if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        return set(select.value());
    }
    let input = target.dyn_ref::<HtmlInputElement>()?;
    let raw = input.value();
    if key == "seek" {
        return Some(Input::Act(Action::Seek(raw.parse().ok()?)));
    }
    match input.type_().as_str() {
        "range" => Some(Input::Act(Action::Slide {
            pos: crate::fmt::number(&raw).unwrap_or(0.0),
            key,
        })),
        // One of a group (a race's methods): the group's checked boxes, as a list.
        "checkbox" if input.has_attribute("data-value") => set(group_value(input)),
        "checkbox" => set(if input.checked() { "1" } else { "0" }.into()),
        // The Start box waits for its change event; a typed function is applied on a pause.
        "text" if key == "start" => None,
        "text" => Some(Input::Typing),
        // A half-typed number ("", "-", "1e") waits for more.
        _ if crate::fmt::number(raw.trim()).is_some() => set(raw),
        _ => None,
    }
}

/// A click on a button, by its `data-action`.
fn click(el: &Element) -> Option<Input> {
    let action = el
        .closest("[data-action]")
        .ok()??
        .get_attribute("data-action")?;
    Some(match action.as_str() {
        "play" => Input::Act(Action::Play),
        "step" => Input::Act(Action::Step),
        "back" => Input::Act(Action::Back),
        "reset" => Input::Act(Action::Reset),
        "pick" => Input::Act(Action::Pick(el.get_attribute("data-lane")?.parse().ok()?)),
        "copy" => Input::Export(Export::CopyCsv),
        "link" => Input::Export(Export::CopyLink),
        "embed" => Input::Export(Export::Embed),
        "png" => Input::Export(Export::Png),
        "svg" => Input::Export(Export::Svg),
        "csv" => Input::Export(Export::Csv),
        "data" => Input::ApplyData,
        "view-reset" => Input::Act(Action::Orbit(Orbit::Reset)),
        _ => return None,
    })
}

/// A pointer on the plot, as the point of the data under it; over the loss chart, as the step
/// under it; on a fit's data, as what it does to the points there.
fn pointer(kind: &str, e: &MouseEvent, el: Option<&Element>, painter: &Painter) -> Option<Input> {
    let is = |class: &str| el.is_some_and(|el| el.class_list().contains(class));
    let offset = (f64::from(e.offset_x()), f64::from(e.offset_y()));
    let at = || painter.point_at(offset);
    if is("descent-data-overlay") && kind != "pointercancel" && kind != "pointerout" {
        let now = e.time_stamp();
        // A release needs no place (the chart may be gone); a move only drags with a button
        // (or a finger) down.
        let data = match (kind, painter.data_at(offset)) {
            ("pointerup", _) => DataAction::Release(now),
            (_, None) => return None,
            ("pointerdown", Some((at, near))) => DataAction::Press { at, near, now },
            ("pointermove", Some((at, _))) if e.buttons() != 0 => DataAction::Drag(at),
            ("dblclick", Some((at, near))) => DataAction::Remove { at, near },
            _ => return None,
        };
        return Some(Input::Act(Action::Data(data)));
    }
    if is("descent-overlay") && painter.in_3d() {
        // On the 3-D view a drag turns it; a click sets the start where it lands.
        let px = [offset.0, offset.1];
        let orbit = match kind {
            "pointerdown" => Orbit::Grab { px, at: at() },
            "pointermove" if e.buttons() != 0 => Orbit::Move(px),
            "pointermove" => return Some(Input::Over(Over::Plot(at()))),
            "pointerout" => return Some(Input::Over(Over::Nothing)),
            "pointerup" | "pointercancel" => return Some(Input::Act(Action::Release)),
            _ => return None,
        };
        return Some(Input::Act(Action::Orbit(orbit)));
    }
    let action = match kind {
        "pointerdown" if is("descent-overlay") => Action::Press(at()),
        "pointerdown" if is("descent-map-overlay") => Action::MapPress(painter.map_at(offset)?),
        "pointermove" if is("descent-overlay") => return Some(Input::Over(Over::Plot(at()))),
        // Touch and hold on the loss chart reads it out too.
        "pointermove" | "pointerdown" if is("descent-loss-overlay") => {
            return painter.step_at(offset).map(|k| Input::Over(Over::Loss(k)))
        }
        "pointerout" => return Some(Input::Over(Over::Nothing)),
        "pointerup" | "pointercancel" => Action::Release,
        _ => return None,
    };
    Some(Input::Act(action))
}

/// What an event of an instance asks for, if anything.
pub fn translate(e: &web_sys::Event, painter: &Painter) -> Option<Input> {
    let target = e.target();
    let el = target.as_ref().and_then(|t| t.dyn_ref::<Element>());
    let key = el.and_then(|el| el.get_attribute("data-key"));
    match e.type_().as_str() {
        "hashchange" => Some(Input::Remount),
        "change" if target.as_ref()?.has_type::<web_sys::MediaQueryList>() => {
            Some(Input::MediaChanged)
        }
        // The Start box's coordinates are applied when the edit is done (Enter, or leaving it).
        "change" if key.as_deref() == Some("start") => {
            let value = el?.dyn_ref::<HtmlInputElement>()?.value();
            Some(Input::Act(Action::Set {
                key: "start".into(),
                value,
            }))
        }
        // Leaving the function's box applies what it holds (and says what is wrong with it).
        "change" if key.as_deref() == Some("f") => {
            Some(Input::TypeNow(el?.dyn_ref::<HtmlInputElement>()?.value()))
        }
        // A box shows its value tidily once the edit is done.
        "change" => Some(Input::Act(Action::EditDone)),
        "input" => input(key?, target.as_ref()?),
        "click" => click(el?),
        "keydown" => {
            let k = e.dyn_ref::<KeyboardEvent>()?;
            if key.as_deref() == Some("f") && k.key() == "Enter" {
                let text = el?.dyn_ref::<HtmlInputElement>()?.value();
                return Some(Input::TypeNow(text));
            }
            let on_plot = el.is_some_and(|el| el.class_list().contains("descent-overlay"));
            if on_plot && painter.in_3d() && k.shift_key() {
                return turn_key(&k.key()).map(|o| Input::Key(Action::Orbit(o)));
            }
            self::key(k).map(Input::Key)
        }
        "toggle" => Some(Input::Act(Action::TableToggled)),
        "beforeprint" => Some(Input::Print(true)),
        "afterprint" => Some(Input::Print(false)),
        "focusin" => el?
            .dyn_ref::<web_sys::HtmlTextAreaElement>()
            .cloned()
            .map(Input::Select),
        kind @ ("pointerdown" | "pointermove" | "pointerup" | "pointercancel" | "pointerout"
        | "dblclick") => pointer(kind, e.dyn_ref::<MouseEvent>()?, el, painter),
        _ => None,
    }
}
