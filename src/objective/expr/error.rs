//! What is wrong with a typed function: the kind of mistake, where it is (as a byte offset
//! and as the character position a person counts), and a hint on how to fix it.

use std::fmt;

/// What went wrong, for tests and for code that reacts to a kind of mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Empty,
    TooLong,
    UnexpectedChar,
    MissingOperator,
    MissingValue,
    MissingCloseParen,
    UnmatchedCloseParen,
    IncompleteNumber,
    UnknownVariable,
    /// x, y, z together with x1 … x9.
    MixedVariables,
    UnknownFunction,
    WrongArgumentCount,
    TooDeep,
}

/// A bad expression: what is wrong, where (a byte offset into the text, and the 1-based
/// character position a person counts), and a hint on how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    pub kind: ErrorKind,
    pub what: String,
    pub hint: Option<String>,
    /// Byte offset of the offending part of the text.
    pub at: Option<usize>,
    /// 1-based character position of the offending part, as shown to people.
    pub position: Option<usize>,
}

impl ExprError {
    pub(super) fn new(
        kind: ErrorKind,
        src: &str,
        at: Option<usize>,
        what: impl Into<String>,
    ) -> Self {
        let at = at.map(|a| a.min(src.len()));
        let position = at.map(|a| src.char_indices().take_while(|(i, _)| *i < a).count() + 1);
        ExprError {
            kind,
            what: what.into(),
            hint: None,
            at,
            position,
        }
    }

    pub(super) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)?;
        if let Some(p) = self.position {
            write!(f, " at position {p}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, ": {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ExprError {}
