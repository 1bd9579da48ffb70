//! `pulse webhooks …`: delivery logs, replay, endpoints, test events, `listen` (forward the
//! live event stream to a local URL, Stripe-style) and `verify` (check a captured delivery).

use std::io::{IsTerminal, Read, Write};
use std::time::Duration;

use clap::{Args, Subcommand};

use super::{Ctx, page_footer, query};
use crate::api::*;
use crate::client::{Auth, Client};
use crate::error::CliError;
use crate::output::Tabular;
use crate::util::encode_path_segment;
use crate::webhooks::signing;

/// Webhook commands.
#[derive(Debug, Subcommand)]
pub enum WebhooksCmd {
    /// List deliveries (one event × one endpoint), newest first
    Logs(LogsArgs),
    /// Show one delivery with its payload and every attempt
    Show {
        /// Log id (whl_…)
        id: String,
    },
    /// Send a delivery again now, or every delivery matching filters
    Replay(ReplayArgs),
    /// Manage webhook endpoints
    #[command(subcommand)]
    Endpoints(EndpointsCmd),
    /// Send a sample event to the project's endpoints
    Test {
        /// Event name, e.g. egress_started
        event: String,
    },
    /// Forward the project's events, as they happen, to a local URL
    Listen(ListenArgs),
    /// Check a captured delivery's signature: headers from --header, body from stdin
    Verify {
        /// The endpoint secret (whsec_…), or a v1a endpoint's public key (whpk_…)
        #[arg(long)]
        secret: String,
        /// A header as 'Name: value' (repeat)
        #[arg(long = "header", short = 'H', value_name = "'K: V'")]
        headers: Vec<String>,
    },
}

/// `pulse webhooks logs`.
#[derive(Debug, Args)]
pub struct LogsArgs {
    /// pending, retrying, delivered or failed
    #[arg(long)]
    status: Option<String>,
    /// Only this event
    #[arg(long)]
    event: Option<String>,
    /// Only this endpoint
    #[arg(long, value_name = "ID")]
    endpoint: Option<String>,
    /// Since a time (RFC 3339) or for a duration back (24h)
    #[arg(long)]
    since: Option<String>,
    /// Until a time (RFC 3339) or a duration back
    #[arg(long)]
    until: Option<String>,
    #[command(flatten)]
    pages: super::PageArgs,
    /// Keep printing deliveries as they are made or change (JSON Lines with --json)
    #[arg(long, short)]
    follow: bool,
}

/// `pulse webhooks replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// The delivery to send again; or give filters for many
    #[arg(required_unless_present = "status")]
    id: Option<String>,
    /// Send to this URL instead of the endpoint's (one delivery only)
    #[arg(long, value_name = "URL", requires = "id")]
    to: Option<String>,
    /// Replay every delivery with this status (e.g. failed)
    #[arg(long, conflicts_with = "id")]
    status: Option<String>,
    /// With --status: since a time or for a duration back (24h)
    #[arg(long, requires = "status")]
    since: Option<String>,
    /// With --status: only this event
    #[arg(long, requires = "status")]
    event: Option<String>,
    /// With --status: only this endpoint
    #[arg(long, value_name = "ID", requires = "status")]
    endpoint: Option<String>,
    /// List what would be replayed, send nothing
    #[arg(long)]
    dry_run: bool,
    /// Do not ask for confirmation
    #[arg(long, short)]
    yes: bool,
}

/// `pulse webhooks endpoints`.
#[derive(Debug, Subcommand)]
pub enum EndpointsCmd {
    /// Add an endpoint; its secret is shown this once
    Add {
        /// https:// URL to deliver to
        #[arg(value_name = "URL")]
        endpoint_url: String,
        /// Only these events (comma-separated); default all
        #[arg(long, value_delimiter = ',')]
        events: Vec<String>,
        /// Only events of rooms matching these globs (comma-separated, `*` and `?`, the
        /// project's own room names); default every room
        #[arg(long, visible_alias = "room", value_delimiter = ',', value_name = "GLOB")]
        rooms: Vec<String>,
        /// Waits before each retry of a failed delivery (comma-separated, e.g. 1m,10m,1h; up
        /// to 20, 3 days in all); default the control plane's schedule
        #[arg(long, value_delimiter = ',', value_name = "WAIT")]
        retry_schedule: Vec<String>,
        /// Only events meeting this condition (repeat: all must hold), e.g.
        /// 'data.egress.output_type == "hls"' or 'data.participant.identity in [host, cohost]'
        #[arg(long = "filter", value_name = "CONDITION")]
        filters: Vec<String>,
        /// Disable it after this many days of nothing but failures, 0 to 90 (0: never; default 5)
        #[arg(long, value_name = "DAYS")]
        disable_after_days: Option<u32>,
        /// A header sent with every delivery, 'Name: value' (repeat for several); kept
        /// encrypted, shown masked
        #[arg(long = "header", short = 'H', value_name = "NAME: VALUE", value_parser = parse_header)]
        headers: Vec<(String, String)>,
        /// v1 (HMAC, whsec_ secret; default) or v1a (Standard Webhooks' ed25519: receivers
        /// verify with the whpk_ public key)
        #[arg(long, value_parser = ["v1", "v1a"])]
        signature: Option<String>,
        /// At most this many deliveries per second to it (1 to 1000), across every daemon
        #[arg(long, value_name = "PER_SECOND", value_parser = parse_rate)]
        rate_limit: Option<u32>,
        /// resource: each egress's, ingress's or room's deliveries in order, each after the
        /// one before it settled; none (default): each as soon as it is due
        #[arg(long, value_parser = ["none", "resource"])]
        ordering: Option<String>,
        /// A note for people
        #[arg(long)]
        description: Option<String>,
    },
    /// Change an endpoint: the options named replace its own (an empty list clears one)
    Update {
        /// Endpoint id (we_…)
        id: String,
        /// A new URL to deliver to (`--url` is the control plane's)
        #[arg(long = "endpoint-url", value_name = "URL")]
        endpoint_url: Option<String>,
        /// Only these events (comma-separated; '' for all)
        #[arg(long, value_delimiter = ',', num_args = 0..)]
        events: Option<Vec<String>>,
        /// Room globs (comma-separated; '' for every room)
        #[arg(long, visible_alias = "room", value_delimiter = ',', value_name = "GLOB", num_args = 0..)]
        rooms: Option<Vec<String>>,
        /// Payload conditions (repeat; replaces them all)
        #[arg(long = "filter", value_name = "CONDITION")]
        filters: Vec<String>,
        /// Remove every payload condition
        #[arg(long, conflicts_with = "filters")]
        no_filters: bool,
        /// Waits before each retry (comma-separated; '' for the control plane's)
        #[arg(long, value_delimiter = ',', value_name = "WAIT", num_args = 0..)]
        retry_schedule: Option<Vec<String>>,
        /// Days of nothing but failures before it is disabled (0: never)
        #[arg(long, value_name = "DAYS")]
        disable_after_days: Option<u32>,
        /// Headers (repeat; replaces them all)
        #[arg(long = "header", short = 'H', value_name = "NAME: VALUE", value_parser = parse_header)]
        headers: Vec<(String, String)>,
        /// Remove every custom header
        #[arg(long, conflicts_with = "headers")]
        no_headers: bool,
        /// At most this many deliveries per second (0: no limit)
        #[arg(long, value_name = "PER_SECOND", value_parser = parse_rate)]
        rate_limit: Option<u32>,
        /// resource or none
        #[arg(long, value_parser = ["none", "resource"])]
        ordering: Option<String>,
        /// Enable it (deliveries go to it again)
        #[arg(long, conflicts_with = "disable")]
        enable: bool,
        /// Disable it (nothing is delivered to it)
        #[arg(long)]
        disable: bool,
        /// A note for people
        #[arg(long)]
        description: Option<String>,
    },
    /// List endpoints
    List,
    /// Remove an endpoint
    Remove {
        /// Endpoint id (we_…)
        id: String,
    },
    /// Enable an endpoint again and queue every delivery to it that failed since then
    Recover {
        /// Endpoint id
        id: String,
        /// From when: RFC 3339 or a duration back from now (48h); default since it began failing
        #[arg(long)]
        since: Option<String>,
    },
    /// Replace an endpoint's secret; the old one also signs during the grace period
    RotateSecret {
        /// Endpoint id
        id: String,
        /// How long the old secret keeps signing
        #[arg(long, default_value = "24h", value_parser = crate::util::parse_duration)]
        grace: Duration,
    },
}

/// `Name: value` → (name, value).
fn parse_header(s: &str) -> Result<(String, String), String> {
    let (name, value) = s.split_once(':').ok_or_else(|| format!("`{s}` is not `Name: value`"))?;
    Ok((name.trim().to_string(), value.trim().to_string()))
}

/// A rate as `10`, `10/s` or `600/m` (per second); the control plane checks its bounds.
fn parse_rate(s: &str) -> Result<u32, String> {
    let (n, per) = s.split_once('/').unwrap_or((s, "s"));
    let n: u32 = n.trim().parse().map_err(|_| format!("`{s}` is not a rate such as 10, 10/s or 600/m"))?;
    match per.trim() {
        "s" | "sec" | "second" => Ok(n),
        "m" | "min" | "minute" if n.is_multiple_of(60) => Ok(n / 60),
        "m" | "min" | "minute" => Err(format!("`{s}`: a rate per minute must be a whole number per second")),
        _ => Err(format!("`{s}`: the rate is per second (/s) or per minute (/m)")),
    }
}

/// `pulse webhooks listen`.
#[derive(Debug, Args)]
pub struct ListenArgs {
    /// Where to POST each event, e.g. http://localhost:3000/webhooks
    #[arg(long, value_name = "URL")]
    forward_to: String,
    /// Print the secret forwarded events are signed with, and exit
    #[arg(long)]
    print_secret: bool,
}

impl Tabular for WebhookLog {
    const HEADERS: &'static [&'static str] = &["LOG ID", "EVENT", "STATUS", "ATTEMPTS", "CODE", "ENDPOINT", "CREATED"];
    fn id(&self) -> &str {
        &self.id
    }
    fn row(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.event.clone(),
            self.status.clone(),
            format!("{}/{}", self.attempt_count, self.max_attempts),
            self.last_status_code.map_or("-".into(), |c| c.to_string()),
            self.endpoint_id.clone(),
            self.created_at.clone(),
        ]
    }
}

impl Tabular for Endpoint {
    const HEADERS: &'static [&'static str] = &["ENDPOINT ID", "URL", "EVENTS", "ROOMS", "ENABLED", "CREATED"];
    fn id(&self) -> &str {
        &self.endpoint_id
    }
    fn row(&self) -> Vec<String> {
        vec![
            self.endpoint_id.clone(),
            self.url.clone(),
            if self.events.is_empty() { "all".into() } else { self.events.join(",") },
            if self.rooms.is_empty() { "all".into() } else { self.rooms.join(",") },
            if self.enabled {
                "yes".into()
            } else {
                format!("no: {}", self.disabled_reason.clone().unwrap_or_default())
            },
            self.created_at.clone(),
        ]
    }
}

impl Tabular for Attempt {
    const HEADERS: &'static [&'static str] = &["#", "AT", "CODE", "MS", "ERROR", "TRIGGER"];
    fn id(&self) -> &str {
        &self.at
    }
    fn row(&self) -> Vec<String> {
        vec![
            self.attempt.to_string(),
            self.at.clone(),
            self.status_code.map_or("-".into(), |c| c.to_string()),
            self.duration_ms.to_string(),
            self.error.clone().unwrap_or_else(|| "-".into()),
            self.trigger.clone(),
        ]
    }
}

/// Runs a webhooks command.
pub async fn run(ctx: &Ctx, cmd: WebhooksCmd) -> Result<(), CliError> {
    if let WebhooksCmd::Verify { secret, headers } = cmd {
        return verify(ctx, &secret, &headers);
    }
    let client = ctx.client()?;
    match cmd {
        WebhooksCmd::Logs(a) if a.follow => follow(ctx, &client, a).await,
        WebhooksCmd::Logs(a) => {
            let q = log_query(&a.status, &a.event, &a.endpoint, &a.since, &a.until, a.pages.page, a.pages.limit);
            let page: Page<WebhookLog> = client.get(&format!("/v1/webhooks/logs{q}"), Auth::Project).await?;
            ctx.out.list(&page.data, page_footer(&page.pagination))
        }
        WebhooksCmd::Show { id } => {
            let d: WebhookLogDetail =
                client.get(&format!("/v1/webhooks/logs/{}", encode_path_segment(&id)), Auth::Project).await?;
            if ctx.out.format == crate::output::Format::Json || ctx.out.quiet {
                return ctx.out.one(&d, &d.log.id);
            }
            ctx.out.one(&d.log, &d.log.id)?;
            ctx.out.line("")?;
            ctx.out.list(&d.attempts, None)?;
            ctx.out.line("")?;
            ctx.out.json(&d.payload)
        }
        WebhooksCmd::Replay(a) => match a.id.clone() {
            Some(id) => replay_one(ctx, &client, &id, a.to.as_deref()).await,
            None => replay_many(ctx, &client, a).await,
        },
        WebhooksCmd::Endpoints(cmd) => endpoints(ctx, &client, cmd).await,
        WebhooksCmd::Test { event } => {
            let r: TestEventResult =
                client.post("/v1/webhooks/test", &TestEventRequest { event: Some(event) }, Auth::Project).await?;
            ctx.out.status(&format!("Sent {} ({}) to {} endpoint(s)", r.event.event, r.event.id, r.deliveries.len()));
            ctx.out.list(&r.deliveries, None)
        }
        WebhooksCmd::Listen(a) => listen(ctx, &client, a).await,
        WebhooksCmd::Verify { .. } => unreachable!("handled above"),
    }
}

fn log_query(
    status: &Option<String>,
    event: &Option<String>,
    endpoint: &Option<String>,
    since: &Option<String>,
    until: &Option<String>,
    page: u32,
    limit: u32,
) -> String {
    query(&[
        ("page", Some(page.to_string())),
        ("limit", Some(limit.to_string())),
        ("status", status.clone()),
        ("event", event.clone()),
        ("endpoint_id", endpoint.clone()),
        ("since", since.clone()),
        ("until", until.clone()),
    ])
}

/// Polls for new and changed deliveries; one line (or JSON Line) each.
async fn follow(ctx: &Ctx, client: &Client, a: LogsArgs) -> Result<(), CliError> {
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let since = a.since.clone().or_else(|| Some("1m".into()));
    loop {
        let q = log_query(&a.status, &a.event, &a.endpoint, &since, &None, 1, 100);
        let page: Page<WebhookLog> = client.get(&format!("/v1/webhooks/logs{q}"), Auth::Project).await?;
        for log in page.data.iter().rev() {
            if seen.get(&log.id) == Some(&log.status) {
                continue;
            }
            seen.insert(log.id.clone(), log.status.clone());
            if ctx.out.format == crate::output::Format::Json {
                let line = serde_json::to_string(log).map_err(|e| CliError::Other(e.to_string()))?;
                ctx.out.line(&line)?;
            } else if ctx.out.quiet {
                ctx.out.line(&log.id)?;
            } else {
                ctx.out.line(&format!(
                    "{}  {:<20} {:<9} {}/{} {}  {}",
                    log.updated_at,
                    log.event,
                    log.status,
                    log.attempt_count,
                    log.max_attempts,
                    log.last_status_code.map_or("-".into(), |c| c.to_string()),
                    log.id
                ))?;
            }
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn replay_one(ctx: &Ctx, client: &Client, id: &str, to: Option<&str>) -> Result<(), CliError> {
    let path = format!("/v1/webhooks/logs/{}/replay", encode_path_segment(id));
    let r: ReplayResult = client.post(&path, &ReplayRequest { url: to.map(Into::into) }, Auth::Project).await?;
    ctx.out.one(&r, &r.log.id)?;
    match (&r.attempt.error, r.attempt.status_code) {
        (None, _) => Ok(()),
        (Some(e), code) => Err(CliError::Other(format!(
            "replay of {id} to {} failed: {e}{}",
            r.attempt.url,
            code.map(|c| format!(" (HTTP {c})")).unwrap_or_default()
        ))),
    }
}

async fn replay_many(ctx: &Ctx, client: &Client, a: ReplayArgs) -> Result<(), CliError> {
    let mut logs = Vec::new();
    for page in 1.. {
        let q = log_query(&a.status, &a.event, &a.endpoint, &a.since, &None, page, 100);
        let p: Page<WebhookLog> = client.get(&format!("/v1/webhooks/logs{q}"), Auth::Project).await?;
        let last = u64::from(page) >= p.pagination.total_pages;
        logs.extend(p.data);
        if last {
            break;
        }
    }
    if a.dry_run || logs.is_empty() {
        ctx.out.status(&format!(
            "{} deliver{} would be replayed",
            logs.len(),
            if logs.len() == 1 { "y" } else { "ies" }
        ));
        return ctx.out.list(&logs, None);
    }
    if !a.yes {
        if !std::io::stdin().is_terminal() {
            return Err(CliError::Usage(format!("this replays {} deliveries; pass --yes to confirm", logs.len())));
        }
        eprint!("Replay {} deliveries? [y/N] ", logs.len());
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            return Err(CliError::Other("cancelled".into()));
        }
    }
    let bar = if ctx.out.quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(logs.len() as u64)
    };
    let (mut ok, mut failed) = (0, 0);
    for log in &logs {
        let path = format!("/v1/webhooks/logs/{}/replay", log.id);
        match client.post::<_, ReplayResult>(&path, &ReplayRequest::default(), Auth::Project).await {
            Ok(r) if r.attempt.error.is_none() => ok += 1,
            Ok(_) | Err(CliError::Api { .. }) => failed += 1,
            Err(e) => return Err(e),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let summary = serde_json::json!({"replayed": logs.len(), "delivered": ok, "failed": failed});
    ctx.out.status(&format!("Replayed {}: {ok} delivered, {failed} failed", logs.len()));
    if ctx.out.format == crate::output::Format::Json {
        ctx.out.json(&summary)?;
    }
    if failed > 0 { Err(CliError::Other(format!("{failed} replays failed"))) } else { Ok(()) }
}

async fn endpoints(ctx: &Ctx, client: &Client, cmd: EndpointsCmd) -> Result<(), CliError> {
    match cmd {
        EndpointsCmd::Add {
            endpoint_url,
            events,
            rooms,
            retry_schedule,
            filters,
            disable_after_days,
            headers,
            signature,
            rate_limit,
            ordering,
            description,
        } => {
            let req = CreateEndpoint {
                url: Some(endpoint_url),
                events: (!events.is_empty()).then_some(events),
                rooms: (!rooms.is_empty()).then_some(rooms),
                retry_schedule: (!retry_schedule.is_empty()).then_some(retry_schedule),
                filters: (!filters.is_empty()).then_some(filters),
                disable_after_days,
                headers: (!headers.is_empty()).then(|| headers.into_iter().collect()),
                signature,
                description,
                rate_limit,
                ordering,
            };
            let e: Endpoint = client.post("/v1/webhooks/endpoints", &req, Auth::Project).await?;
            ctx.out.status(&format!("Added endpoint {}; its secret is shown only now", e.endpoint_id));
            ctx.out.one(&e, &e.endpoint_id)
        }
        EndpointsCmd::List => {
            let page: Page<Endpoint> = client.get("/v1/webhooks/endpoints?limit=100", Auth::Project).await?;
            ctx.out.list(&page.data, page_footer(&page.pagination))
        }
        EndpointsCmd::Remove { id } => {
            let d: Deleted =
                client.delete(&format!("/v1/webhooks/endpoints/{}", encode_path_segment(&id)), Auth::Project).await?;
            ctx.out.status(&format!("Removed endpoint {}", d.id));
            ctx.out.one(&d, &d.id)
        }
        EndpointsCmd::Update {
            id,
            endpoint_url,
            events,
            rooms,
            filters,
            no_filters,
            retry_schedule,
            disable_after_days,
            headers,
            no_headers,
            rate_limit,
            ordering,
            enable,
            disable,
            description,
        } => {
            // `--events ''` and the like arrive as one empty item: that is "clear it".
            let clear = |v: Option<Vec<String>>| v.map(|v| v.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>());
            let req = PatchEndpoint {
                url: endpoint_url,
                events: clear(events),
                description,
                enabled: (enable || disable).then_some(enable),
                rooms: clear(rooms),
                retry_schedule: clear(retry_schedule),
                filters: if no_filters { Some(Vec::new()) } else { (!filters.is_empty()).then_some(filters) },
                disable_after_days,
                headers: if no_headers {
                    Some(Default::default())
                } else {
                    (!headers.is_empty()).then(|| headers.into_iter().collect())
                },
                rate_limit,
                ordering,
            };
            let path = format!("/v1/webhooks/endpoints/{}", encode_path_segment(&id));
            let e: Endpoint = client.patch(&path, &req, Auth::Project).await?;
            ctx.out.status(&format!("Updated endpoint {}", e.endpoint_id));
            ctx.out.one(&e, &e.endpoint_id)
        }
        EndpointsCmd::Recover { id, since } => {
            let path = format!("/v1/webhooks/endpoints/{}/recover", encode_path_segment(&id));
            let r: Recovered = client.post(&path, &RecoverEndpoint { since }, Auth::Project).await?;
            ctx.out
                .status(&format!("Enabled {}; queued {} failed deliveries again", r.endpoint.endpoint_id, r.requeued));
            ctx.out.one(&r.endpoint, &r.endpoint.endpoint_id)
        }
        EndpointsCmd::RotateSecret { id, grace } => {
            let path = format!("/v1/webhooks/endpoints/{}/rotate-secret", encode_path_segment(&id));
            let e: Endpoint =
                client.post(&path, &RotateSecret { grace_seconds: Some(grace.as_secs()) }, Auth::Project).await?;
            ctx.out.status(&format!(
                "Rotated the secret of {}; the old one also signs for {}",
                e.endpoint_id,
                humantime::format_duration(grace)
            ));
            ctx.out.one(&e, &e.endpoint_id)
        }
    }
}

/// The secret `listen` signs forwarded events with: made once, kept in the config dir.
fn listen_secret() -> Result<String, CliError> {
    let dir = crate::dirs::config_dir().ok_or_else(|| CliError::Config("no home directory".into()))?;
    let path = dir.join("listen_secret");
    if let Ok(s) = std::fs::read_to_string(&path) {
        return Ok(s.trim().to_string());
    }
    std::fs::create_dir_all(&dir).map_err(|e| CliError::Config(format!("cannot create {}: {e}", dir.display())))?;
    let secret = signing::new_secret();
    crate::dirs::write_private(&path, &secret)
        .map_err(|e| CliError::Config(format!("cannot write {}: {e}", path.display())))?;
    Ok(secret)
}

/// Streams `/v1/webhooks/stream` and forwards each event, signed, to `--forward-to`.
async fn listen(ctx: &Ctx, client: &Client, a: ListenArgs) -> Result<(), CliError> {
    let secret = listen_secret()?;
    if a.print_secret {
        return ctx.out.line(&secret);
    }
    let key = signing::Key::Hmac(signing::secret_key(&secret).map_err(CliError::Other)?);
    let forward = crate::http_client(Duration::from_secs(30));
    let mut events = client.events("/v1/webhooks/stream").await?;
    ctx.out.status(&format!(
        "Ready! Forwarding events to {} (signing secret: `pulse webhooks listen --print-secret`)",
        a.forward_to
    ));
    while let Some(data) = events.next_data().await? {
        let Ok(event) = serde_json::from_str::<PulseEvent>(&data) else { continue };
        ctx.out.line(&format!("--> {} [{}]", event.event, event.id))?;
        let ts = crate::util::unix_now();
        let mut req = forward
            .post(&a.forward_to)
            .header("content-type", "application/json")
            .header("x-pulse-event", &event.event)
            .body(data.clone());
        for (name, value) in signing::headers(std::slice::from_ref(&key), &event.id, ts, data.as_bytes()) {
            req = req.header(name, value);
        }
        let line = match req.send().await {
            Ok(r) => format!("<-- [{}] POST {} [{}]", r.status().as_u16(), a.forward_to, event.id),
            Err(e) => format!("<-- [error] POST {} [{}]: {}", a.forward_to, event.id, crate::error_chain(&e)),
        };
        ctx.out.line(&line)?;
    }
    Err(CliError::Unreachable { url: client.base().into(), reason: "the event stream closed".into(), local: false })
}

fn verify(ctx: &Ctx, secret: &str, raw_headers: &[String]) -> Result<(), CliError> {
    let mut headers = Vec::new();
    for h in raw_headers {
        let (k, v) =
            h.split_once(':').ok_or_else(|| CliError::Usage(format!("--header `{h}` is not 'Name: value'")))?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let mut body = Vec::new();
    std::io::stdin().read_to_end(&mut body)?;
    match signing::verify(secret, &headers, &body, crate::util::unix_now()) {
        Ok(scheme) => {
            ctx.out.status(&format!("valid: {scheme} matches"));
            let _ = std::io::stdout().flush();
            Ok(())
        }
        Err(why) => Err(CliError::Other(format!("signature check failed: {why}"))),
    }
}
