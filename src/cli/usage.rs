//! `pulse usage`: a project's participant and egress minutes, recording bytes and deliveries,
//! by day, hour or room, as a table, JSON or CSV.

use clap::Args;

use super::{Ctx, query};
use crate::api::{Usage, UsageRow};
use crate::client::Auth;
use crate::error::CliError;
use crate::output::{Format, Tabular};

/// `pulse usage`.
#[derive(Debug, Args)]
pub struct UsageArgs {
    /// From when: a duration back from now (30d) or an RFC 3339 time
    #[arg(long, default_value = "30d")]
    since: String,
    /// Until when (default now)
    #[arg(long)]
    until: Option<String>,
    /// Buckets: day (UTC, default) or hour; or room (by room, per day)
    #[arg(long, default_value = "day", value_parser = ["day", "hour", "room"])]
    by: String,
    /// With the admin token: this project
    #[arg(long, value_name = "ID")]
    project: Option<String>,
    /// Comma-separated values for spreadsheets
    #[arg(long)]
    csv: bool,
}

impl Tabular for UsageRow {
    const HEADERS: &'static [&'static str] = &["START", "ROOM", "METER", "QUANTITY", "USES"];
    fn id(&self) -> &str {
        &self.meter
    }
    fn row(&self) -> Vec<String> {
        let room = self.room.clone().unwrap_or_else(|| "-".into());
        vec![self.start.clone(), room, self.meter.clone(), self.quantity.to_string(), self.uses.to_string()]
    }
}

/// A CSV field, quoted when it must be.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

pub async fn run(ctx: &Ctx, a: UsageArgs) -> Result<(), CliError> {
    let client = ctx.client()?;
    let (granularity, group_by) = match a.by.as_str() {
        "room" => ("day", "room"),
        g => (g, "meter"),
    };
    let q = query(&[
        ("from", Some(a.since)),
        ("to", a.until),
        ("granularity", Some(granularity.into())),
        ("group_by", Some(group_by.into())),
        ("project_id", a.project.clone()),
    ]);
    let auth = if a.project.is_some() { Auth::Admin } else { Auth::Project };
    let u: Usage = client.get(&format!("/v1/usage{q}"), auth).await?;
    if a.csv {
        let mut out = String::from("start,room,meter,quantity,uses\n");
        for r in &u.rows {
            let room = r.room.as_deref().unwrap_or("");
            out += &format!("{},{},{},{},{}\n", r.start, csv_field(room), csv_field(&r.meter), r.quantity, r.uses);
        }
        return ctx.out.line(out.trim_end());
    }
    match ctx.out.format {
        Format::Json => ctx.out.json(&serde_json::to_value(&u).map_err(|e| CliError::Other(e.to_string()))?),
        Format::Table => {
            let totals: Vec<String> = u.totals.iter().map(|(m, q)| format!("{m} {q}")).collect();
            let footer = format!("{} to {} in total: {}", u.from, u.to, totals.join(" · "));
            ctx.out.list(&u.rows, Some(footer))
        }
    }
}
