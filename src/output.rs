//! The one renderer: tables (comfy-table) or exactly the API's JSON on stdout; status lines and
//! progress on stderr. A closed stdout becomes `CliError::BrokenPipe` (exit 0).

use std::io::{IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;
use serde_json::Value;

use crate::error::CliError;

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// A resource that can be a row of a list table.
pub trait Tabular {
    /// Column titles.
    const HEADERS: &'static [&'static str];
    /// The id `-q` prints.
    fn id(&self) -> &str;
    /// One cell per header.
    fn row(&self) -> Vec<String>;
}

/// Where and how a command prints.
#[derive(Debug, Clone)]
pub struct Output {
    pub format: Format,
    pub quiet: bool,
}

fn write_stdout(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// A JSON scalar as a table cell.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => "-".into(),
        Value::Array(a) => a.iter().map(cell).collect::<Vec<_>>().join(", "),
        Value::Object(o) => o.iter().map(|(k, v)| format!("{k}={}", cell(v))).collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    }
}

/// An object as field/value rows, nested objects as dotted names (`LIVEKIT.REACHABLE`).
fn flatten(prefix: &str, v: &Value, rows: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                let name = if prefix.is_empty() { k.to_uppercase() } else { format!("{prefix}.{}", k.to_uppercase()) };
                flatten(&name, v, rows);
            }
        }
        other => rows.push((prefix.to_string(), cell(other))),
    }
}

impl Output {
    fn table(&self) -> Table {
        let mut t = Table::new();
        t.load_preset(presets::NOTHING).set_content_arrangement(ContentArrangement::Disabled);
        t
    }

    /// One object: pretty JSON, its id (`-q`), or a field/value table.
    pub fn one<T: Serialize>(&self, item: &T, id: &str) -> Result<(), CliError> {
        let value = serde_json::to_value(item).map_err(|e| CliError::Other(e.to_string()))?;
        if self.quiet {
            return write_stdout(&format!("{id}\n"));
        }
        match self.format {
            Format::Json => self.json(&value),
            Format::Table => {
                let mut t = self.table();
                let mut rows = Vec::new();
                flatten("", &value, &mut rows);
                for (k, v) in rows {
                    t.add_row(vec![k, v]);
                }
                write_stdout(&format!("{t}\n"))
            }
        }
    }

    /// A list: the `data` array as JSON, ids (`-q`), or a table with one row per item.
    pub fn list<T: Serialize + Tabular>(&self, items: &[T], footer: Option<String>) -> Result<(), CliError> {
        if self.quiet {
            let ids: String = items.iter().map(|i| format!("{}\n", i.id())).collect();
            return write_stdout(&ids);
        }
        match self.format {
            Format::Json => self.json(&serde_json::to_value(items).map_err(|e| CliError::Other(e.to_string()))?),
            Format::Table => {
                let mut t = self.table();
                t.set_header(T::HEADERS.to_vec());
                for i in items {
                    t.add_row(i.row());
                }
                write_stdout(&format!("{t}\n"))?;
                if let Some(f) = footer {
                    self.status(&f);
                }
                Ok(())
            }
        }
    }

    /// Exactly this JSON, pretty, on stdout.
    pub fn json(&self, value: &Value) -> Result<(), CliError> {
        let text = serde_json::to_string_pretty(value).map_err(|e| CliError::Other(e.to_string()))?;
        write_stdout(&format!("{text}\n"))
    }

    /// Plain text on stdout (one value, e.g. a token with `-q`).
    pub fn line(&self, text: &str) -> Result<(), CliError> {
        write_stdout(&format!("{text}\n"))
    }

    /// A status line on stderr (not with `-q`).
    pub fn status(&self, msg: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr(), "{msg}");
        }
    }

    /// A spinner on stderr, hidden when stderr is not a terminal or with `-q`.
    pub fn spinner(&self, msg: &str) -> indicatif::ProgressBar {
        if self.quiet || !std::io::stderr().is_terminal() {
            return indicatif::ProgressBar::hidden();
        }
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_message(msg.to_string());
        pb.enable_steady_tick(std::time::Duration::from_millis(100));
        pb
    }
}
