//! `descent fit`, run as a user would: one row per step with the columns the issue names, the
//! least-squares line reached, seeds that decide the batches, and every mistake in a data file
//! one line on stderr naming the file's line, with exit code 2.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
mod support;

use support::{descent, succeeds as ok};

/// A data file with `text`, in a directory of this process's own, under a name no other call
/// takes: the tests run side by side, and one rewriting a file another reads would empty it
/// under the reader.
fn file(name: &str, text: &str) -> PathBuf {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("descent-fit-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// 30 points near y = 2x − 1.
fn line_data() -> PathBuf {
    let mut text = String::from("x,y\n");
    for i in 0..30 {
        let x = -1.5 + 0.1 * f64::from(i);
        let wiggle = if i % 2 == 0 { 0.1 } else { -0.07 };
        text.push_str(&format!("{x},{}\n", 2.0 * x - 1.0 + wiggle));
    }
    file("line.csv", &text)
}

#[test]
fn rows_name_each_column_and_full_batch_reaches_the_least_squares_line() {
    let data = line_data();
    let path = data.to_str().unwrap();
    let text = ok(&[
        "fit", "--data", path, "--steps", "3000", "--lr", "0.2", "--format", "csv",
    ]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0], "step,w,b,loss,lr",
        "no batch_loss with a full batch"
    );
    assert_eq!(lines.len(), 3002);
    assert!(lines[1].starts_with("0,0,0,"));
    // The closed form, from the same points.
    let pts: Vec<[f64; 2]> = std::fs::read_to_string(&data)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let (x, y) = l.split_once(',').unwrap();
            [x.parse().unwrap(), y.parse().unwrap()]
        })
        .collect();
    let n = pts.len() as f64;
    let (mx, my) = (
        pts.iter().map(|p| p[0]).sum::<f64>() / n,
        pts.iter().map(|p| p[1]).sum::<f64>() / n,
    );
    let sxy: f64 = pts.iter().map(|p| (p[0] - mx) * (p[1] - my)).sum();
    let sxx: f64 = pts.iter().map(|p| (p[0] - mx).powi(2)).sum();
    let last: Vec<f64> = lines[3001].split(',').map(|c| c.parse().unwrap()).collect();
    assert!((last[1] - sxy / sxx).abs() < 1e-9, "{last:?}");
    assert!((last[2] - (my - sxy / sxx * mx)).abs() < 1e-9, "{last:?}");

    let batched = ok(&[
        "fit", "--data", path, "--batch", "4", "--seed", "7", "--format", "csv",
    ]);
    assert!(batched.starts_with("step,w,b,loss,batch_loss,lr\n"));
    let json = ok(&["fit", "--data", path, "--steps", "1", "--format", "json"]);
    assert!(
        json.starts_with("[\n  {\"step\": 0, \"w\": 0, \"b\": 0, \"loss\": "),
        "{json}"
    );
}

/// The CSV's header and its rows of numbers.
fn csv(text: &str) -> (&str, Vec<Vec<f64>>) {
    let mut lines = text.lines();
    let head = lines.next().unwrap();
    let rows = lines
        .map(|l| l.split(',').map(|c| c.parse().unwrap()).collect())
        .collect();
    (head, rows)
}

#[test]
fn the_defaults_are_the_readme_s_and_every_row_has_its_header_s_columns() {
    let data = line_data();
    let path = data.to_str().unwrap();
    let ys: Vec<f64> = std::fs::read_to_string(&data)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split_once(',').unwrap().1.parse().unwrap())
        .collect();
    // Row 0 is (w, b) = (0, 0), where every residual is −y: the MSE is the mean of y².
    let mean_y2 = ys.iter().map(|y| y * y).sum::<f64>() / ys.len() as f64;
    // README: --lr 0.1 and --steps 100 unless given (other flags or not), --seed 0.
    for extra in [&[][..], &["--method", "gd"][..]] {
        let mut args = vec!["fit", "--data", path, "--format", "csv"];
        args.extend_from_slice(extra);
        let text = ok(&args);
        let (head, rows) = csv(&text);
        assert_eq!(head, "step,w,b,loss,lr");
        assert_eq!(rows.len(), 101, "steps 0 to 100");
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(r.len(), 5, "row {i}: one number per column");
            assert_eq!((r[0], r[4]), (i as f64, 0.1));
        }
        assert!((rows[0][3] - mean_y2).abs() < 1e-12, "{:?}", rows[0]);
    }
    let batched = ok(&["fit", "--data", path, "--batch", "4", "--format", "csv"]);
    let (head, rows) = csv(&batched);
    assert_eq!(head, "step,w,b,loss,batch_loss,lr");
    assert_eq!(rows.len(), 101);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.len(), 6, "row {i}: one number per column");
        assert_eq!((r[0], r[5]), (i as f64, 0.1));
    }
    assert!((rows[0][3] - mean_y2).abs() < 1e-12, "{:?}", rows[0]);
    assert!(
        rows.iter().any(|r| r[4] != r[3]),
        "4 of 30 points are not all"
    );
    assert_eq!(
        ok(&["fit", "--data", path, "--batch", "4", "--seed", "0", "--format", "csv"]),
        batched,
        "seed 0 is the default"
    );
    // The smallest batch, one point per step.
    let single = ok(&["fit", "--data", path, "--batch", "1", "--format", "csv"]);
    let (head, rows) = csv(&single);
    assert_eq!((head, rows.len()), ("step,w,b,loss,batch_loss,lr", 101));
}

#[test]
fn a_seed_decides_the_batches_and_a_batch_of_all_is_full_batch() {
    let data = line_data();
    let path = data.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["fit", "--data", path, "--steps", "50", "--format", "csv"];
        args.extend_from_slice(extra);
        ok(&args)
    };
    assert_eq!(
        run(&["--batch", "5", "--seed", "1"]),
        run(&["--batch", "5", "--seed", "1"])
    );
    assert_ne!(
        run(&["--batch", "5", "--seed", "1"]),
        run(&["--batch", "5", "--seed", "2"])
    );
    assert_eq!(run(&["--batch", "30", "--seed", "3"]), run(&[]));
    assert_eq!(run(&["--batch", "0", "--seed", "3"]), run(&[]), "0 is all");
    assert_eq!(
        run(&["--method", "adam", "--batch", "999"]),
        run(&["--method", "adam"])
    );
}

#[test]
fn every_mistake_is_one_line_naming_the_file_s_line_with_exit_code_2() {
    let many = {
        let mut t = String::from("x,y\n");
        for i in 0..100_001 {
            t.push_str(&format!("{i},1\n"));
        }
        t
    };
    let cases: Vec<(PathBuf, &[&str], String)> = vec![
        (
            file("nan.csv", "x,y\n1,2\n3,four\n"),
            &[],
            "line 3: 'four' is not a number".into(),
        ),
        (
            file("cols.csv", "x,y\n1,2,3\n"),
            &[],
            "line 2: expected 2 columns, x and y, found 3".into(),
        ),
        (
            file("empty.csv", ""),
            &[],
            "the file is empty: it needs a header x,y and one point per line".into(),
        ),
        (
            file("many.csv", &many),
            &[],
            "more than 100000 points: the most a fit takes".into(),
        ),
        (
            file("label.csv", "x,y\n0,1\n1,0\n2,2\n"),
            &["--model", "logistic"],
            "line 4: a label must be 0 or 1 for logistic regression (got 2)".into(),
        ),
    ];
    for (path, extra, says) in cases {
        let p = path.to_str().unwrap().to_string();
        let mut args = vec!["fit", "--data", p.as_str()];
        args.extend_from_slice(extra);
        let o = descent(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert_eq!(err, format!("descent: {p}: {says}\n"));
        assert!(o.stdout.is_empty());
    }
    let data = line_data();
    let path = data.to_str().unwrap();
    for (args, says) in [
        (&["fit"][..], "--data FILE.csv is required"),
        (
            &["fit", "--data", path, "--loss", "cross-entropy"],
            "cross-entropy is for the logistic model",
        ),
        (
            &["fit", "--data", path, "--model", "tree"],
            "unknown model 'tree'",
        ),
        (
            &["fit", "--data", path, "--batch", "-1"],
            "Batch must be from 0 to 100000",
        ),
        (
            &["fit", "--data", path, "--xmin", "3"],
            "--xmin is not a flag of fit",
        ),
        (
            &["fit", "--data", path, "--preset", "bowl"],
            "--preset is not a flag of fit",
        ),
        (
            &["fit", "--data", "/no/such/file.csv"],
            "cannot read /no/such/file.csv",
        ),
    ] {
        let o = descent(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            err.starts_with(&format!("descent: {says}")),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1);
    }
}
