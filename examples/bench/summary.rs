//! The one-line summaries: each scenario ends with `SUMMARY scenario=<name> key=value …` in a
//! fixed key order (what `.ci/run` greps and the README's tables are built from), and with
//! `--runs N` a `RANGE` line per key with min/median/max over the runs.

use std::fmt::Write;

/// One run's figures, in the order they were added.
#[derive(Default, Clone)]
pub struct Summary {
    pub scenario: String,
    pub fields: Vec<(&'static str, f64)>,
}

impl Summary {
    pub fn new(scenario: &str, tuned: bool, backend: &str) -> Summary {
        Summary {
            scenario: format!("{scenario} backend={backend}"),
            fields: vec![("tuned", f64::from(u8::from(tuned)))],
        }
    }

    pub fn add(&mut self, key: &'static str, value: f64) -> &mut Self {
        self.fields.push((key, value));
        self
    }

    pub fn line(&self) -> String {
        let mut out = format!("SUMMARY scenario={}", self.scenario);
        for (k, v) in &self.fields {
            let _ = write!(out, " {k}={}", fmt(*v));
        }
        out
    }
}

fn fmt(v: f64) -> String {
    if v.is_nan() {
        "nan".into()
    } else if v == v.trunc() || v.abs() >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}")
    }
}

/// `RANGE scenario=… key=min/median/max` over several runs of one scenario.
pub fn ranges(runs: &[Summary]) -> Vec<String> {
    let Some(first) = runs.first() else { return Vec::new() };
    let mut out = format!("RANGE scenario={} runs={}", first.scenario, runs.len());
    for (i, (k, _)) in first.fields.iter().enumerate() {
        let mut vs: Vec<f64> = runs.iter().filter_map(|r| r.fields.get(i).map(|f| f.1)).collect();
        vs.sort_by(|a, b| a.total_cmp(b));
        let _ = write!(out, " {k}={}/{}/{}", fmt(vs[0]), fmt(vs[vs.len() / 2]), fmt(vs[vs.len() - 1]));
    }
    vec![out]
}
