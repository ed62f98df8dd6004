//! Data to fit: points (x, y) read from CSV text with a header `x,y`, one point per line. Every
//! mistake names its line, and a file is refused whole: a number that is not one (or not
//! finite), a wrong count of columns, no points, too many, or a label other than 0 or 1 where
//! labels are asked for.

use std::fmt;

/// What is wrong with a data file, and on which line (1 for the header; none for the file as
/// a whole).
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(n) => write!(f, "line {n}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The points of `text`: a header `x,y`, then `x,y` per line (blank lines skipped, spaces
/// around numbers allowed). At most `most` points; with `labels`, every y must be 0 or 1.
pub fn parse(text: &str, most: usize, labels: bool) -> Result<Vec<[f64; 2]>, DataError> {
    split(text, '\n', most, labels)
}

/// [`parse`] with the points separated by `sep` instead of line ends (a link's `~`).
pub(super) fn split(
    text: &str,
    sep: char,
    most: usize,
    labels: bool,
) -> Result<Vec<[f64; 2]>, DataError> {
    let err = |line: usize, message: String| DataError {
        line: Some(line),
        message,
    };
    let mut lines = text
        .split(sep)
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty());
    let Some((n, header)) = lines.next() else {
        return Err(DataError {
            line: None,
            message: "the file is empty: it needs a header x,y and one point per line".into(),
        });
    };
    let names: Vec<String> = header
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    // A header is optional when the first line is a point.
    let first = (names.iter().all(|c| crate::fmt::number(c).is_some())).then_some((n, header));
    if first.is_none() && names != ["x", "y"] {
        return Err(err(n, format!("the header must be x,y (got '{header}')")));
    }
    let mut points = Vec::new();
    for (n, line) in first.into_iter().chain(lines) {
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        if cells.len() != 2 {
            return Err(err(
                n,
                format!("expected 2 columns, x and y, found {}", cells.len()),
            ));
        }
        let mut p = [0.0; 2];
        for (v, cell) in p.iter_mut().zip(&cells) {
            *v = match crate::fmt::number(cell) {
                Some(v) if v.is_finite() => v,
                Some(_) => return Err(err(n, format!("'{cell}' is not a finite number"))),
                None => return Err(err(n, format!("'{cell}' is not a number"))),
            };
        }
        if labels && p[1] != 0.0 && p[1] != 1.0 {
            return Err(err(
                n,
                format!(
                    "a label must be 0 or 1 for logistic regression (got {})",
                    cells[1]
                ),
            ));
        }
        if points.len() == most {
            return Err(DataError {
                line: None,
                message: format!("more than {most} points: the most a fit takes"),
            });
        }
        points.push(p);
    }
    if points.is_empty() {
        return Err(DataError {
            line: None,
            message: "no points: after the header x,y, give one point per line".into(),
        });
    }
    Ok(points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_read_and_every_mistake_names_its_line() {
        let ok = parse("x,y\n1, 2\n\n-3.5,4e2\n", 10, false).unwrap();
        assert_eq!(ok, [[1.0, 2.0], [-3.5, 400.0]]);
        assert_eq!(parse(" X , Y \n0,1\n", 10, true).unwrap(), [[0.0, 1.0]]);
        let e = |text: &str, labels: bool| parse(text, 3, labels).unwrap_err().to_string();
        assert_eq!(
            e("x,y\n1,2\n1,abc\n", false),
            "line 3: 'abc' is not a number"
        );
        assert_eq!(
            e("x,y\n1,2,3\n", false),
            "line 2: expected 2 columns, x and y, found 3"
        );
        assert_eq!(
            e("x,y\n1,inf\n", false),
            "line 2: 'inf' is not a finite number"
        );
        assert_eq!(
            e("x,y\n1,NaN\n", false),
            "line 2: 'NaN' is not a finite number"
        );
        assert_eq!(
            e("a,b\n1,2\n", false),
            "line 1: the header must be x,y (got 'a,b')"
        );
        assert_eq!(
            e("", false),
            "the file is empty: it needs a header x,y and one point per line"
        );
        assert_eq!(
            e("x,y\n", false),
            "no points: after the header x,y, give one point per line"
        );
        assert_eq!(
            e("x,y\n1,1\n2,2\n3,3\n4,4\n", false),
            "more than 3 points: the most a fit takes"
        );
        assert_eq!(
            e("x,y\n1,1\n2,0.5\n", true),
            "line 3: a label must be 0 or 1 for logistic regression (got 0.5)"
        );
        assert_eq!(
            e("\n\nx,y\n1,1\n\n7\n", false),
            "line 6: expected 2 columns, x and y, found 1",
            "blank lines still count"
        );
    }
}
