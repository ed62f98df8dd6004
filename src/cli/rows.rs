//! Rows written as they are computed, by `descent basins | sweep | phase | fit`: the heading
//! in each format, a buffer written out every 64 KiB, JSON's closing bracket, and a closed pipe
//! (`descent … | head`) ending the output quietly, as it is not an error.

use crate::words::Format;
use std::io::Write;

/// Output under way.
pub(super) struct Rows<'a> {
    /// Where the rows are written, before they go out.
    pub buf: String,
    format: Format,
    out: &'a mut dyn Write,
}

impl<'a> Rows<'a> {
    /// Starts the output in `format` with the columns `heads`: CSV's header, JSON's opening
    /// bracket, or the table's heading line (its last column a word with `word_last`).
    pub fn open(format: Format, heads: &[String], word_last: bool, out: &'a mut dyn Write) -> Self {
        let mut buf = String::new();
        match format {
            Format::Csv => {
                buf.push_str(&crate::fmt::join(heads, ","));
                buf.push('\n');
            }
            Format::Json => buf.push('['),
            Format::Table => line(&mut buf, heads, word_last),
        }
        Rows { buf, format, out }
    }

    /// After a row: writes the buffer out once it holds 64 KiB. Says whether the output is
    /// still open.
    pub fn written(&mut self) -> bool {
        if self.buf.len() < 1 << 16 {
            return true;
        }
        let open = self.out.write_all(self.buf.as_bytes()).is_ok();
        self.buf.clear();
        open
    }

    /// Ends the output: JSON's closing bracket, then whatever is left.
    pub fn close(mut self) {
        if self.format == Format::Json {
            self.buf.push_str("\n]\n");
        }
        let _ = self
            .out
            .write_all(self.buf.as_bytes())
            .and_then(|_| self.out.flush());
    }
}

/// A table line: each cell right-aligned in 14 columns (the last left-aligned, when it is a
/// word such as a stop), two apart.
pub(super) fn line(out: &mut String, cells: &[String], word_last: bool) {
    let last = cells.len() - 1;
    for (k, cell) in cells.iter().enumerate() {
        if k > 0 {
            out.push_str("  ");
        }
        if k == last && word_last {
            out.push_str(cell);
        } else {
            out.extend(std::iter::repeat_n(
                ' ',
                14usize.saturating_sub(cell.chars().count()),
            ));
            out.push_str(cell);
        }
    }
    out.push('\n');
}
