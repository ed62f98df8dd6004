//! What the page and the command line say: the trace as CSV, JSON or a table ([`trace`]), why a
//! run stopped ([`stop`]), and the page's status line, legend and trace table ([`page`]). Every
//! sentence is written here, from plain values, so it is tested natively and both faces of
//! descent say the same thing.

pub mod challenge;
pub mod map;
pub mod page;
pub mod step;
pub mod stop;
pub mod trace;

pub use stop::explain;
pub use trace::{Format, Sheet};
