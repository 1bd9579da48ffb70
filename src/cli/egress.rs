//! `pulse egress start|stop|update|get|list`.

use std::time::{Duration, Instant};

use clap::{Args, Subcommand};

use super::{Ctx, each_id, page_footer, query};
use crate::api::{Egress, Page, StartEgress, StopEgress, UpdateEgress};
use crate::client::{Auth, Client};
use crate::error::CliError;
use crate::output::Tabular;

/// Egress commands.
#[derive(Debug, Subcommand)]
pub enum EgressCmd {
    /// Start recording or restreaming a room or track
    Start(Box<StartArgs>),
    /// Stop one or more egress
    Stop {
        /// Egress ids (eg_… or LiveKit's EG_…)
        #[arg(required = true)]
        ids: Vec<String>,
        /// Wait until each has ended
        #[arg(long)]
        wait: bool,
        /// How long --wait waits
        #[arg(long, default_value = "60s", value_parser = crate::util::parse_duration)]
        timeout: Duration,
    },
    /// Add or remove RTMP targets of a live rtmp egress (LiveKit's UpdateStream)
    Update {
        /// Egress id (eg_… or EG_…)
        id: String,
        /// An rtmp:// or rtmps:// URL to start sending to (repeatable)
        #[arg(long = "add-rtmp", value_name = "URL")]
        add: Vec<String>,
        /// A target to stop sending to, as it was given, stream key and all (repeatable)
        #[arg(long = "remove-rtmp", value_name = "URL")]
        remove: Vec<String>,
    },
    /// Show one egress
    Get {
        /// Egress id (eg_… or EG_…)
        id: String,
    },
    /// List egress, newest first
    List(ListArgs),
}

/// `pulse egress start`.
#[derive(Debug, Args)]
pub struct StartArgs {
    /// Room to record
    #[arg(long)]
    room: String,
    #[command(flatten)]
    opts: EgressOptions,
    /// Wait until the egress is active (or has ended or failed)
    #[arg(long)]
    wait: bool,
    /// How long --wait waits
    #[arg(long, default_value = "60s", value_parser = crate::util::parse_duration)]
    timeout: Duration,
}

/// What to start: the options `egress start` and `rules add` share.
#[derive(Debug, Args)]
pub struct EgressOptions {
    /// hls, rtmp, file or images; several in one egress as a list or repeated
    /// (`--output hls,file,rtmp`), sent as one LiveKit request
    #[arg(long, required = true, value_delimiter = ',', value_parser = ["hls", "rtmp", "file", "images"])]
    output: Vec<String>,
    /// Image snapshots (images output): one every DURATION, e.g. 10s (default 10s)
    #[arg(long, value_name = "DURATION", value_parser = crate::util::parse_duration)]
    image_every: Option<Duration>,
    /// Image snapshots' size, WIDTHxHEIGHT (default 1280x720)
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    image_size: Option<(u32, u32)>,
    /// room_composite (default), track_composite or track
    #[arg(long = "type", value_name = "TYPE", value_parser = ["room_composite", "track_composite", "track"])]
    egress_type: Option<String>,
    /// speaker (default), grid or single (room_composite only)
    #[arg(long, value_parser = ["speaker", "grid", "single"])]
    layout: Option<String>,
    /// Output name: [A-Za-z0-9._-], default <room>-<UTC yyyymmdd-hhmmss>-<6 of the egress id>
    #[arg(long)]
    filename: Option<String>,
    /// RTMP destination (repeat for several, up to 10)
    #[arg(long = "rtmp-url", value_name = "URL")]
    rtmp_urls: Vec<String>,
    /// Audio track (track_composite)
    #[arg(long)]
    audio_track: Option<String>,
    /// Video track (track_composite)
    #[arg(long)]
    video_track: Option<String>,
    /// Track (track egress)
    #[arg(long)]
    track: Option<String>,
    /// Encoding preset, e.g. H264_1080P_30
    #[arg(long)]
    preset: Option<String>,
    /// Record audio only (room_composite)
    #[arg(long)]
    audio_only: bool,
    /// Record video only (room_composite)
    #[arg(long)]
    video_only: bool,
    /// Tries of the start when LiveKit fails in a way that may pass, 1 to 20 (default 5; 1:
    /// fail at once); retried by the control plane, across its restarts
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=20))]
    start_attempts: Option<u32>,
    /// Stop it this long after it became active, e.g. 90m or 4h (1 s to 7 days)
    #[arg(long, value_name = "DURATION")]
    max_duration: Option<String>,
}

impl EgressOptions {
    /// The API request for `room` (none for a rule: the trigger names it).
    pub fn request(self, room: Option<String>) -> StartEgress {
        StartEgress {
            room_name: room,
            output_type: (self.output.len() == 1).then(|| self.output[0].clone()),
            outputs: (self.output.len() > 1).then_some(self.output),
            image_interval_secs: self.image_every.map(|d| d.as_secs().min(u64::from(u32::MAX)) as u32),
            image_width: self.image_size.map(|s| s.0),
            image_height: self.image_size.map(|s| s.1),
            egress_type: self.egress_type,
            layout_type: self.layout,
            filename: self.filename,
            rtmp_urls: (!self.rtmp_urls.is_empty()).then_some(self.rtmp_urls),
            audio_track_id: self.audio_track,
            video_track_id: self.video_track,
            track_id: self.track,
            audio_only: self.audio_only.then_some(true),
            video_only: self.video_only.then_some(true),
            preset: self.preset,
            start_attempts: self.start_attempts,
            max_duration: self.max_duration,
        }
    }
}

/// `1280x720` → (1280, 720).
fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(|| format!("`{s}` is not WIDTHxHEIGHT, e.g. 1280x720"))?;
    let n = |v: &str| v.trim().parse::<u32>().map_err(|_| format!("`{s}` is not WIDTHxHEIGHT, e.g. 1280x720"));
    Ok((n(w)?, n(h)?))
}

/// `pulse egress list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this status: pending, active, stopping, ended, failed
    #[arg(long)]
    status: Option<String>,
    /// Only this room
    #[arg(long)]
    room: Option<String>,
    #[command(flatten)]
    pages: super::PageArgs,
}

impl Tabular for Egress {
    const HEADERS: &'static [&'static str] = &["EGRESS ID", "STATUS", "ROOM", "TYPE", "OUTPUT", "CREATED"];
    fn id(&self) -> &str {
        &self.egress_id
    }
    fn row(&self) -> Vec<String> {
        vec![
            self.egress_id.clone(),
            self.status.clone(),
            self.room_name.clone(),
            self.egress_type.clone(),
            self.outputs.join("+"),
            self.created_at.clone(),
        ]
    }
}

/// Runs an egress command.
pub async fn run(ctx: &Ctx, cmd: EgressCmd) -> Result<(), CliError> {
    let client = ctx.client()?;
    match cmd {
        EgressCmd::Start(a) => {
            let a = *a;
            let (wait, timeout) = (a.wait, a.timeout);
            let req = a.opts.request(Some(a.room));
            let mut egress: Egress = client.post("/v1/media/egress/start", &req, Auth::Project).await?;
            ctx.out.status(&format!("Started egress {} ({})", egress.egress_id, egress.status));
            if wait {
                egress = wait_for(ctx, &client, egress, &["active", "ended", "failed"], timeout).await?;
            }
            ctx.out.one(&egress, &egress.egress_id)
        }
        EgressCmd::Stop { ids, wait, timeout } => {
            each_id(ids, |id| {
                let client = &client;
                async move {
                    let req = StopEgress { egress_id: Some(id) };
                    let mut e: Egress = client.post("/v1/media/egress/stop", &req, Auth::Project).await?;
                    if wait {
                        e = wait_for(ctx, client, e, &["ended", "failed"], timeout).await?;
                    }
                    ctx.out.status(&format!("Stopped egress {} ({})", e.egress_id, e.status));
                    ctx.out.one(&e, &e.egress_id)
                }
            })
            .await
        }
        EgressCmd::Update { id, add, remove } => {
            if add.is_empty() && remove.is_empty() {
                return Err(CliError::Usage("nothing to change: give --add-rtmp URL or --remove-rtmp URL".into()));
            }
            let req = UpdateEgress { egress_id: Some(id), add_rtmp_urls: Some(add), remove_rtmp_urls: Some(remove) };
            let e: Egress = client.post("/v1/media/egress/update", &req, Auth::Project).await?;
            ctx.out.status(&format!("Egress {} now sends to {} target(s)", e.egress_id, e.rtmp_urls.len()));
            ctx.out.one(&e, &e.egress_id)
        }
        EgressCmd::Get { id } => {
            let e: Egress = client
                .get(&format!("/v1/media/egress/{}", crate::util::encode_path_segment(&id)), Auth::Project)
                .await?;
            ctx.out.one(&e, &e.egress_id)
        }
        EgressCmd::List(a) => {
            let [page, limit] = a.pages.pairs();
            let q = query(&[page, limit, ("status", a.status), ("room_name", a.room)]);
            let page: Page<Egress> = client.get(&format!("/v1/media/egress{q}"), Auth::Project).await?;
            ctx.out.list(&page.data, page_footer(&page.pagination))
        }
    }
}

/// Waits until the egress's status is one of `until`: it follows the project's event stream
/// and reads the egress when an event names it, with a slow poll as the fallback (and a
/// quicker one if the stream cannot be opened). A failed egress or the timeout is exit code 8.
async fn wait_for(
    ctx: &Ctx,
    client: &Client,
    mut egress: Egress,
    until: &[&str],
    timeout: Duration,
) -> Result<Egress, CliError> {
    let started = Instant::now();
    let spinner = ctx.out.spinner(&format!("waiting for egress {} ({})", egress.egress_id, egress.status));
    let path = format!("/v1/media/egress/{}", egress.egress_id);
    let mut events = client.events("/v1/webhooks/stream").await.ok();
    let poll = if events.is_some() { Duration::from_secs(5) } else { Duration::from_millis(500) };
    let id = egress.egress_id.clone();
    // Read once after subscribing: a change made before the stream opened is not missed.
    let mut read_now = true;
    loop {
        if read_now {
            egress = client.get(&path, Auth::Project).await?;
            spinner.set_message(format!("waiting for egress {} ({})", egress.egress_id, egress.status));
        }
        if until.contains(&egress.status.as_str()) {
            break;
        }
        let left = timeout.saturating_sub(started.elapsed());
        if left.is_zero() {
            spinner.finish_and_clear();
            return Err(CliError::Wait(format!(
                "timed out after {} waiting for egress {} (still {}); it keeps running: see `pulse egress get {}`",
                humantime::format_duration(timeout),
                egress.egress_id,
                egress.status,
                egress.egress_id
            )));
        }
        let tick = tokio::time::sleep(poll.min(left));
        read_now = match events.as_mut() {
            Some(stream) => tokio::select! {
                data = stream.next_data() => match data {
                    Ok(Some(d)) => serde_json::from_str::<serde_json::Value>(&d)
                        .is_ok_and(|v| v["data"]["egress"]["egress_id"] == id.as_str()),
                    // The stream ended: fall back to polling.
                    _ => {
                        events = None;
                        true
                    }
                },
                _ = tick => true,
            },
            None => {
                tick.await;
                true
            }
        };
    }
    spinner.finish_and_clear();
    if egress.status == "failed" {
        return Err(CliError::Wait(format!(
            "egress {} failed: {}",
            egress.egress_id,
            egress.error.as_deref().unwrap_or("LiveKit gave no reason")
        )));
    }
    Ok(egress)
}
