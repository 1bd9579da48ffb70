//! Egress: the start plan (validation into a pending record and a LiveKit request), LiveKit's
//! status mapping, the forward-only transition, the events a transition produces, and the
//! services stop, get and list (starting, and its retries, are `starts`).

use serde_json::Value;

use super::events::{Draft, Outcome};
use super::refresh::Refreshed;
use super::validate::{check_filename, livekit_room, one_of, required};
use super::{Core, CoreError, CoreResult, recordings, views};
use crate::api::{self, StartEgress};
use crate::ids::*;
use crate::livekit::models::*;
use crate::media::{self, Storage};
use crate::model::{EgressKind, EgressStatus, EventKind, Layout, Millis, OutputType, RecordingState, now_ms};
use crate::store::{
    Changes, Committed, EgressFilter, EgressOutputs, EgressRecord, Expect, ImageSettings, Op, PageReq, ProjectRecord,
};
use crate::util::{mask_rtmp_url, now_rfc3339};

pub const PRESETS: &[&str] = &[
    "H264_720P_30",
    "H264_720P_60",
    "H264_1080P_30",
    "H264_1080P_60",
    "PORTRAIT_H264_720P_30",
    "PORTRAIT_H264_720P_60",
    "PORTRAIT_H264_1080P_30",
    "PORTRAIT_H264_1080P_60",
    "PASSTHROUGH",
];
/// HLS segment length.
const SEGMENT_SECONDS: u32 = 6;

/// The LiveKit call a validated request turns into.
#[derive(Debug, Clone, PartialEq)]
pub enum StartRequest {
    RoomComposite(RoomCompositeEgressRequest),
    TrackComposite(TrackCompositeEgressRequest),
    Track(TrackEgressRequest),
}

/// A validated start request: the record to store and the LiveKit call to make.
pub struct Plan {
    pub egress: EgressRecord,
    pub request: StartRequest,
}

fn invalid(field: &str, msg: impl Into<String>) -> CoreError {
    CoreError::invalid(field, msg)
}

/// Checks a start request and builds both the pending record and the LiveKit request.
pub fn plan(req: StartEgress, project_id: &str, cdn: Option<&str>, storage: Option<&Storage>) -> CoreResult<Plan> {
    let room = required("room_name", req.room_name)?;
    super::validate::room(&room)?;
    let id = EgressId::mint();
    let all = output_list(req.output_type.as_deref(), req.outputs.as_deref())?;
    let output = all[0];
    let has = |t: OutputType| all.contains(&t);
    let kind = match req.egress_type {
        Some(k) => one_of("egress_type", &k, EgressKind::parse, &EgressKind::names())?,
        None => EgressKind::RoomComposite,
    };
    let layout = match (kind, req.layout_type) {
        (EgressKind::RoomComposite, l) => Some(match l {
            Some(l) => one_of("layout_type", &l, Layout::parse, &Layout::names())?,
            None => Layout::Speaker,
        }),
        (_, Some(_)) => return Err(invalid("layout_type", "layout_type applies to egress_type room_composite only")),
        (_, None) => None,
    };
    let audio_only = req.audio_only.unwrap_or(false);
    let video_only = req.video_only.unwrap_or(false);
    if audio_only && video_only {
        return Err(invalid("video_only", "audio_only and video_only cannot both be true"));
    }
    if (audio_only || video_only) && kind != EgressKind::RoomComposite {
        let field = if audio_only { "audio_only" } else { "video_only" };
        return Err(invalid(field, format!("{field} applies to egress_type room_composite only")));
    }
    let preset = match req.preset {
        Some(p) => {
            let p = p.to_uppercase();
            if !PRESETS.contains(&p.as_str()) {
                return Err(invalid("preset", format!("preset must be one of {}, not `{p}`", PRESETS.join(", "))));
            }
            if kind == EgressKind::Track {
                return Err(invalid("preset", "track egress does not transcode; leave preset out"));
            }
            Some(p)
        }
        None => None,
    };
    let rtmp_urls = req.rtmp_urls.unwrap_or_default();
    if has(OutputType::Rtmp) {
        if rtmp_urls.is_empty() || rtmp_urls.len() > 10 {
            return Err(invalid("rtmp_urls", "output_type rtmp needs 1 to 10 rtmp_urls (rtmp:// or rtmps://)"));
        }
        for u in &rtmp_urls {
            check_rtmp_url("rtmp_urls", u)?;
        }
    } else if !rtmp_urls.is_empty() {
        return Err(invalid("rtmp_urls", "rtmp_urls apply to output_type rtmp only"));
    }
    let images = image_settings(has(OutputType::Images), req.image_interval_secs, req.image_width, req.image_height)?;
    let filename = match req.filename {
        Some(f) => {
            check_filename(&f)?;
            Some(f)
        }
        None if all == [OutputType::Rtmp] => None,
        None => Some(default_filename(&room, &id)),
    };

    let s3 = storage.map(S3Upload::from);
    let (mut outputs, mut cdn_playback_url, mut file_url) = (Outputs::default(), None, None);
    let file_name = filename.clone().unwrap_or_default();
    let mut images = images;
    for t in &all {
        match t {
            OutputType::Hls => {
                let p = media::hls_paths(cdn, project_id, &file_name);
                outputs.segment_outputs.push(SegmentedFileOutput {
                    protocol: "HLS_PROTOCOL",
                    filename_prefix: p.segment_prefix.clone().unwrap_or_default(),
                    playlist_name: p.object_key.clone(),
                    live_playlist_name: p.live_playlist_key.clone().unwrap_or_default(),
                    segment_duration: SEGMENT_SECONDS,
                    s3: s3.clone(),
                });
                cdn_playback_url = p.url;
            }
            OutputType::File => {
                let p = media::file_paths(cdn, project_id, &file_name);
                outputs.file_outputs.push(EncodedFileOutput {
                    file_type: "MP4",
                    filepath: p.object_key.clone(),
                    s3: s3.clone(),
                });
                file_url = p.url;
            }
            OutputType::Rtmp => outputs.stream_outputs.push(StreamOutput { protocol: "RTMP", urls: rtmp_urls.clone() }),
            OutputType::Images => {
                let settings = images.as_mut().expect("images output has settings");
                settings.prefix = media::images_prefix(project_id, &file_name);
                settings.url_prefix = cdn.map(|b| format!("{}/{}", b.trim_end_matches('/'), settings.prefix));
                outputs.image_outputs.push(ImageOutput {
                    capture_interval: settings.interval_secs,
                    width: settings.width,
                    height: settings.height,
                    filename_prefix: settings.prefix.clone(),
                    filename_suffix: "IMAGE_SUFFIX_INDEX",
                    image_codec: "IC_JPEG",
                    s3: s3.clone(),
                });
            }
        }
    }

    if kind != EgressKind::Track && req.track_id.is_some() {
        return Err(invalid("track_id", "track_id applies to egress_type track only"));
    }
    if kind != EgressKind::TrackComposite && (req.audio_track_id.is_some() || req.video_track_id.is_some()) {
        let field = if req.audio_track_id.is_some() { "audio_track_id" } else { "video_track_id" };
        return Err(invalid(field, format!("{field} applies to egress_type track_composite only")));
    }
    let lk_room = livekit_room(project_id, &room);
    let request = match kind {
        EgressKind::RoomComposite => StartRequest::RoomComposite(RoomCompositeEgressRequest {
            room_name: lk_room,
            layout: match layout {
                Some(Layout::Single) => "single-speaker".into(),
                Some(l) => l.as_str().into(),
                None => "speaker".into(),
            },
            audio_only,
            video_only,
            preset,
            outputs,
        }),
        EgressKind::TrackComposite => {
            let audio = req.audio_track_id.unwrap_or_default();
            let video = req.video_track_id.unwrap_or_default();
            if audio.is_empty() && video.is_empty() {
                return Err(invalid("audio_track_id", "track_composite needs audio_track_id and/or video_track_id"));
            }
            StartRequest::TrackComposite(TrackCompositeEgressRequest {
                room_name: lk_room,
                audio_track_id: audio,
                video_track_id: video,
                preset,
                outputs,
            })
        }
        EgressKind::Track => {
            let track_id = required("track_id", req.track_id)?;
            if all != [OutputType::File] {
                return Err(invalid("output_type", "track egress writes a file only; use output_type file"));
            }
            let filepath = outputs.file_outputs.remove(0).filepath;
            StartRequest::Track(TrackEgressRequest {
                room_name: lk_room,
                track_id,
                file: DirectFileOutput { filepath, s3 },
            })
        }
    };
    let max_duration_ms = match req.max_duration.as_deref() {
        None => None,
        Some(d) => {
            let d =
                crate::util::parse_duration(d).map_err(|e| invalid("max_duration", format!("max_duration: {e}")))?;
            if d < std::time::Duration::from_secs(1) || d > std::time::Duration::from_secs(7 * 24 * 3600) {
                return Err(invalid("max_duration", "max_duration must be 1 s to 7 days"));
            }
            Some(d.as_millis() as Millis)
        }
    };
    let now = now_ms();
    let egress = EgressRecord {
        id,
        livekit_id: None,
        project_id: project_id.into(),
        room_name: room,
        kind,
        output,
        layout,
        filename,
        status: EgressStatus::Pending,
        livekit_status: None,
        cdn_playback_url,
        file_url,
        rtmp_urls: rtmp_urls.iter().map(|u| mask_rtmp_url(u)).collect(),
        error: None,
        created_ms: now,
        started_ms: None,
        ended_ms: None,
        updated_ms: now,
        rev: 0,
        rule_id: None,
        recording: None,
        start: None,
        max_duration_ms,
        outputs: Box::new(EgressOutputs { also: all[1..].to_vec(), images: images.map(Box::new) }),
    };
    Ok(Plan { egress, request })
}

/// The output types asked for: `outputs` (each at most once; `output_type`, if given too, its
/// first), else `output_type` alone.
fn output_list(output_type: Option<&str>, outputs: Option<&[String]>) -> CoreResult<Vec<OutputType>> {
    let parse = |field: &str, t: &str| one_of(field, t, OutputType::parse, &OutputType::names());
    let first = output_type.map(|t| parse("output_type", t)).transpose()?;
    let Some(list) = outputs else {
        return match first {
            Some(t) => Ok(vec![t]),
            None => Err(invalid("output_type", "output_type is required (or outputs, for several)")),
        };
    };
    let mut all = Vec::new();
    for t in list {
        let t = parse("outputs", t)?;
        if all.contains(&t) {
            return Err(invalid(
                "outputs",
                format!("outputs names `{t}` twice; LiveKit takes one output of each kind"),
            ));
        }
        all.push(t);
    }
    match (first, all.first()) {
        (_, None) => Err(invalid("outputs", "outputs needs at least one of hls, file, rtmp, images")),
        (Some(f), Some(o)) if f != *o => {
            Err(invalid("output_type", format!("output_type `{f}` must be the first of outputs, or left out")))
        }
        _ => Ok(all),
    }
}

/// The `images` output's settings (its prefix is filled in with the paths), or an error
/// naming an image field given without it or out of range.
fn image_settings(
    wanted: bool,
    interval: Option<u32>,
    width: Option<u32>,
    height: Option<u32>,
) -> CoreResult<Option<ImageSettings>> {
    if !wanted {
        for (field, v) in [("image_interval_secs", interval), ("image_width", width), ("image_height", height)] {
            if v.is_some() {
                return Err(invalid(
                    field,
                    format!("{field} applies to the images output only; add images to outputs"),
                ));
            }
        }
        return Ok(None);
    }
    let within = |field: &str, v: u32, lo: u32, hi: u32| {
        if (lo..=hi).contains(&v) {
            Ok(v)
        } else {
            Err(invalid(field, format!("{field} must be {lo} to {hi}, not {v}")))
        }
    };
    Ok(Some(ImageSettings {
        interval_secs: within("image_interval_secs", interval.unwrap_or(10), 1, 3600)?,
        width: within("image_width", width.unwrap_or(1280), 16, 3840)?,
        height: within("image_height", height.unwrap_or(720), 16, 2160)?,
        prefix: String::new(),
        url_prefix: None,
        count: 0,
    }))
}

/// Refuses what is not an rtmp:// or rtmps:// URL, naming `field` (and never the stream key).
pub(super) fn check_rtmp_url(field: &str, u: &str) -> CoreResult<()> {
    if ["rtmp://", "rtmps://"].iter().any(|s| u.starts_with(s) && u.len() > s.len()) {
        return Ok(());
    }
    Err(invalid(field, format!("{field}: `{}` is not an rtmp:// or rtmps:// URL", mask_rtmp_url(u))))
}

/// `<room>-<UTC yyyymmdd-hhmmss>-<6 characters of the egress id>`, with the room reduced to
/// filename characters: the id's tail keeps two recordings of one room started in the same
/// second (a room that finishes and starts again, a rule and a manual start) from writing
/// over each other's files.
fn default_filename(room: &str, egress_id: &str) -> String {
    let safe: String = room
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '-' })
        .take(100)
        .collect();
    let stamp = now_rfc3339(); // 2026-11-27T03:04:05.678Z
    let digits: String = stamp.chars().filter(char::is_ascii_digit).collect();
    let tail = &egress_id[egress_id.len().saturating_sub(6)..];
    format!("{safe}-{}-{}-{tail}", &digits[..8], &digits[8..14])
}

/// LiveKit's egress status → pulse's.
pub fn map_status(livekit: &str) -> Option<EgressStatus> {
    Some(match livekit {
        "EGRESS_STARTING" => EgressStatus::Pending,
        "EGRESS_ACTIVE" => EgressStatus::Active,
        "EGRESS_ENDING" => EgressStatus::Stopping,
        "EGRESS_COMPLETE" | "EGRESS_LIMIT_REACHED" => EgressStatus::Ended,
        "EGRESS_FAILED" | "EGRESS_ABORTED" => EgressStatus::Failed,
        _ => return None,
    })
}

fn nanos_to_ms(n: i64) -> Option<Millis> {
    (n > 0).then_some(n / 1_000_000)
}

/// Moves `e` forward to what LiveKit reports; never backwards, never out of a final state.
/// Returns whether anything changed. Pure: `now` is when this happens.
pub fn apply_info(e: &mut EgressRecord, info: &EgressInfo, now: Millis) -> bool {
    if e.status.is_final() {
        return false;
    }
    let before = e.clone();
    e.livekit_status = Some(info.status.clone());
    if let Some(status) = map_status(&info.status)
        && status.rank() > e.status.rank()
    {
        e.status = status;
    }
    if e.started_ms.is_none() {
        e.started_ms = nanos_to_ms(info.started_at);
    }
    if e.status.is_final() {
        e.ended_ms = nanos_to_ms(info.ended_at).or(Some(now));
    }
    if !info.error.is_empty() {
        e.error = Some(info.error.clone());
    }
    if let (Some(images), Some(r)) = (e.outputs.images.as_mut(), info.image_results.first()) {
        images.count = images.count.max(r.image_count.max(0) as u64);
    }
    let changed = *e != before;
    if changed {
        e.updated_ms = now;
    }
    changed
}

/// [`apply_info`], then at least `stopping`: what a successful stop call means.
pub fn apply_stop(e: &mut EgressRecord, info: &EgressInfo, now: Millis) -> bool {
    let mut changed = apply_info(e, info, now);
    if e.status.rank() < EgressStatus::Stopping.rank() {
        e.status = EgressStatus::Stopping;
        e.updated_ms = now;
        changed = true;
    }
    changed
}

/// The events one transition produces: `egress_started` when it leaves `pending` for a running
/// state, `egress_updated` when a running egress changes otherwise (it is `stopping`, its RTMP
/// targets changed), `egress_ended` (and `egress_failed`) when it becomes final; for HLS and
/// file output, `recording_available` when its recording is verified (or cannot be, without
/// storage) and `recording_failed` when the check found it missing.
pub fn transition_events(before: &EgressRecord, after: &EgressRecord) -> Vec<(EventKind, Value)> {
    let mut out = Vec::new();
    let view = || views::data(api::EgressEventData { egress: views::egress(after) });
    let running = |s: EgressStatus| matches!(s, EgressStatus::Active | EgressStatus::Stopping);
    if before.status == EgressStatus::Pending && running(after.status) {
        out.push((EventKind::EgressStarted, view()));
    } else if running(before.status)
        && running(after.status)
        && (before.status != after.status || before.rtmp_urls != after.rtmp_urls)
    {
        out.push((EventKind::EgressUpdated, view()));
    }
    if !before.status.is_final() && after.status.is_final() {
        out.push((EventKind::EgressEnded, view()));
        if after.status == EgressStatus::Failed {
            let data = api::EgressFailedData { egress: views::egress(after), reason: after.error.clone() };
            out.push((EventKind::EgressFailed, views::data(data)));
        }
    }
    let state = |e: &EgressRecord| e.recording.as_ref().map(|c| c.state);
    if recordings::has_recording(after) && state(before) != state(after) {
        match state(after) {
            Some(RecordingState::Verified | RecordingState::NotVerified) => {
                out.push((EventKind::RecordingAvailable, recordings::payload(after)));
            }
            Some(RecordingState::Failed) => out.push((EventKind::RecordingFailed, recordings::payload(after))),
            _ => {}
        }
    }
    out
}

impl Core {
    pub(super) fn storage_for(&self, project: &ProjectRecord) -> CoreResult<Option<Storage>> {
        match &project.storage {
            Some(s) => s
                .validate("storage.")
                .map(Some)
                .map_err(|e| CoreError::Conflict(format!("the project's stored storage settings are invalid: {e}"))),
            None => Ok(self.settings.storage.clone()),
        }
    }

    /// Commits `before` → `after` (compare-and-swap on `before`) with the transition's events.
    pub(super) async fn commit_egress(
        &self,
        before: &EgressRecord,
        mut after: EgressRecord,
        info: Option<&EgressInfo>,
        livekit_event: Option<&str>,
    ) -> CoreResult<Outcome<EgressRecord>> {
        let mut changes = Changes { livekit_event: livekit_event.map(Into::into), ops: Vec::new() };
        let mut events = Vec::new();
        if !before.status.is_final() && recordings::has_recording(&after) && after.recording.is_none() {
            let storage = match self.store.project(&after.project_id).await? {
                Some(p) => !matches!(self.storage_for(&p), Ok(None)),
                None => false,
            };
            after.recording = Some(recordings::on_end(info, storage, now_ms()));
        }
        let changed = after != *before;
        if changed {
            changes.push(Op::PutEgress(after.clone(), Expect::Rev(before.rev)));
            let mut found = transition_events(before, &after);
            // A rule's recording that failed mid-session goes on in its next part, planned in
            // this commit (see `core::restarts`).
            if let Some(restart) = self.plan_restart(before, &after, info).await {
                changes.push(Op::PutEgress(restart.egress, Expect::New));
                found.push((EventKind::EgressRestarted, restart.data));
            }
            if !found.is_empty() {
                let endpoints = self.store.endpoints(&after.project_id).await?;
                for (kind, data) in found {
                    let draft = Draft {
                        project_id: &after.project_id,
                        kind,
                        room_name: Some(&after.room_name),
                        livekit_event_id: livekit_event,
                        data,
                    };
                    events.push(self.emit(&mut changes, &endpoints, draft).0);
                }
            }
        } else if livekit_event.is_none() {
            return Ok(Outcome::Applied(after));
        }
        Ok(match self.commit_events(changes, &events).await? {
            Committed::Applied => {
                if changed {
                    after.rev = before.rev + 1;
                }
                if after.status.is_final() {
                    self.refresh.forget(&after.id);
                }
                if after.recording.as_ref().is_some_and(|c| c.state == RecordingState::Pending) {
                    self.verify.notify_one();
                }
                Outcome::Applied(after)
            }
            Committed::Duplicate => Outcome::Duplicate,
            Committed::Conflict(why) => return Err(CoreError::Conflict(why)),
        })
    }

    /// Changes the egress LiveKit knows as `livekit_id` with `change`, producing the events of
    /// the transition; re-reads and re-applies when another writer got there first.
    pub async fn change_egress(
        &self,
        livekit_id: &str,
        livekit_event: Option<&str>,
        info: Option<&EgressInfo>,
        change: impl Fn(&mut EgressRecord, Millis) -> bool,
    ) -> CoreResult<Outcome<EgressRecord>> {
        loop {
            let Some(before) = self.store.egress_by_livekit(livekit_id).await? else {
                return Ok(match self.drop_event(livekit_event).await? {
                    Outcome::Duplicate => Outcome::Duplicate,
                    _ => Outcome::Unknown,
                });
            };
            let mut after = before.clone();
            change(&mut after, now_ms());
            match self.commit_egress(&before, after, info, livekit_event).await {
                Err(CoreError::Conflict(_)) => continue,
                other => return other,
            }
        }
    }

    /// Applies LiveKit's view of an egress (from a webhook, a poll or a call's answer).
    pub async fn apply_egress_info(
        &self,
        info: &EgressInfo,
        livekit_event: Option<&str>,
    ) -> CoreResult<Outcome<EgressRecord>> {
        self.change_egress(&info.egress_id, livekit_event, Some(info), |e, now| apply_info(e, info, now)).await
    }

    pub(super) async fn find_egress(&self, project: &ProjectRecord, id: &str) -> CoreResult<EgressRecord> {
        self.store.egress(&project.id, id).await?.ok_or_else(|| CoreError::not_found(format!("egress {id}")))
    }

    /// Asks LiveKit for a non-final egress's state and applies it. LiveKit being unreachable is
    /// not an error here: the stored record is still the best answer.
    async fn refresh_egress(&self, egress: EgressRecord) -> CoreResult<EgressRecord> {
        let Some(lk) = egress.livekit_id.clone().filter(|_| !egress.status.is_final()) else { return Ok(egress) };
        match self.livekit.get_egress(&lk).await {
            Ok(Some(info)) => {
                if let Outcome::Applied(e) = self.apply_egress_info(&info, None).await? {
                    return Ok(e);
                }
            }
            Ok(None) => tracing::debug!(%lk, "LiveKit no longer lists this egress"),
            Err(e) => tracing::warn!(%lk, error = %e, "could not refresh egress from LiveKit"),
        }
        Ok(egress)
    }

    /// An egress as a read should show it: the stored record, refreshed from LiveKit at most
    /// once a second per egress, whatever the read rate (concurrent reads share the refresh).
    pub async fn get_egress(&self, project: &ProjectRecord, id: &str) -> CoreResult<api::Egress> {
        let egress = self.find_egress(project, id).await?;
        if egress.status.is_final() || egress.livekit_id.is_none() {
            return Ok(views::egress(&egress));
        }
        let egress = match self.refresh.run(&egress.id, || self.refresh_egress(egress.clone())).await? {
            Refreshed::Fresh => egress,
            Refreshed::Ran(e) => e,
            Refreshed::Waited => self.find_egress(project, id).await?,
        };
        Ok(views::egress(&egress))
    }

    /// A page of the project's egress, newest first.
    pub async fn list_egress(
        &self,
        project: &ProjectRecord,
        filter: EgressFilter,
        page: PageReq,
    ) -> CoreResult<api::Page<api::Egress>> {
        let found = self.store.egress_list(&project.id, &filter, page).await?;
        Ok(views::page(found, page, views::egress))
    }

    /// Stops an egress; one already ended is a conflict.
    pub async fn stop_egress(&self, project: &ProjectRecord, id: &str) -> CoreResult<api::Egress> {
        let egress = self.find_egress(project, id).await?;
        let ended = |e: &EgressRecord| CoreError::Conflict(format!("egress {} has already {}", e.id, e.status));
        if egress.status.is_final() {
            return Err(ended(&egress));
        }
        let Some(lk) = egress.livekit_id.clone() else {
            return Err(CoreError::Conflict(format!("egress {} never started on LiveKit", egress.id)));
        };
        match self.livekit.stop_egress(&lk).await {
            Ok(info) => {
                let e = match self.change_egress(&lk, None, Some(&info), |e, now| apply_stop(e, &info, now)).await? {
                    Outcome::Applied(e) => e,
                    _ => egress,
                };
                tracing::info!(egress_id = %e.id, "egress stopping");
                Ok(views::egress(&e))
            }
            Err(err) if err.twirp_code() == Some("failed_precondition") => {
                // LiveKit says it has ended already: learn how, then say so.
                let egress = self.refresh_egress(egress).await?;
                if egress.status.is_final() { Err(ended(&egress)) } else { Err(err.into()) }
            }
            Err(err) => Err(err.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn req(json: serde_json::Value) -> StartEgress {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn hls_room_composite_maps_to_segment_output_with_mirrored_keys() {
        let p = plan(
            req(json!({"room_name": "live-event", "output_type": "hls", "layout_type": "grid", "filename": "live-event-2025"})),
            "prj_1",
            Some("https://cdn.pulse.io"),
            None,
        )
        .unwrap();
        assert_eq!(
            p.egress.cdn_playback_url.as_deref(),
            Some("https://cdn.pulse.io/prj_1/hls/live-event-2025/index.m3u8")
        );
        let StartRequest::RoomComposite(r) = p.request else { panic!() };
        assert_eq!(r.room_name, "prj_1__live-event");
        assert_eq!(r.layout, "grid");
        assert_eq!(r.outputs.segment_outputs[0].playlist_name, "prj_1/hls/live-event-2025/index.m3u8");
        assert_eq!(r.outputs.segment_outputs[0].segment_duration, 6);
    }

    #[test]
    fn bad_requests_name_their_field() {
        let field = |j: serde_json::Value| match plan(req(j), "p", None, None).err().unwrap() {
            CoreError::Invalid { field, .. } => field.unwrap(),
            e => panic!("{e}"),
        };
        assert_eq!(field(json!({"output_type": "hls"})), "room_name");
        assert_eq!(field(json!({"room_name": "r"})), "output_type");
        assert_eq!(field(json!({"room_name": "r", "output_type": "dash"})), "output_type");
        assert_eq!(field(json!({"room_name": "r", "output_type": "rtmp"})), "rtmp_urls");
        assert_eq!(field(json!({"room_name": "r", "output_type": "rtmp", "rtmp_urls": ["http://x/y"]})), "rtmp_urls");
        assert_eq!(field(json!({"room_name": "r", "output_type": "hls", "filename": "a/b"})), "filename");
        assert_eq!(
            field(json!({"room_name": "r", "output_type": "hls", "egress_type": "track", "track_id": "TR_1"})),
            "output_type"
        );
        assert_eq!(field(json!({"room_name": "r", "output_type": "file", "egress_type": "track"})), "track_id");
        assert_eq!(
            field(json!({"room_name": "r", "output_type": "file", "egress_type": "track_composite"})),
            "audio_track_id"
        );
        assert_eq!(field(json!({"room_name": "r", "output_type": "hls", "layout_type": "mosaic"})), "layout_type");
    }

    #[test]
    fn status_only_moves_forward_and_transitions_name_their_events() {
        let mut e = plan(req(json!({"room_name": "r", "output_type": "hls"})), "p", None, None).unwrap().egress;
        let info = |s: &str| EgressInfo { status: s.into(), started_at: 1_000_000_000, ..Default::default() };
        let start = e.clone();
        assert!(apply_info(&mut e, &info("EGRESS_ACTIVE"), 5));
        assert_eq!(e.status, EgressStatus::Active);
        assert_eq!(e.started_ms, Some(1000));
        let kinds = |a: &EgressRecord, b: &EgressRecord| {
            transition_events(a, b).into_iter().map(|(k, _)| k).collect::<Vec<_>>()
        };
        assert_eq!(kinds(&start, &e), [EventKind::EgressStarted]);
        let active = e.clone();
        apply_info(&mut e, &info("EGRESS_STARTING"), 6);
        assert_eq!(e.status, EgressStatus::Active);
        apply_info(&mut e, &info("EGRESS_COMPLETE"), 7);
        assert_eq!(e.status, EgressStatus::Ended);
        assert_eq!(e.ended_ms, Some(7));
        assert_eq!(kinds(&active, &e), [EventKind::EgressEnded]);
        assert!(!apply_info(&mut e, &info("EGRESS_FAILED"), 8), "final states never change");
        // Ended with storage: the recording is checked before it is announced.
        let mut pending = e.clone();
        pending.recording = Some(recordings::on_end(None, true, 7));
        assert_eq!(kinds(&active, &pending), [EventKind::EgressEnded]);
        let verdict = |state| {
            let mut v = pending.clone();
            v.recording.as_mut().unwrap().state = state;
            kinds(&pending, &v)
        };
        assert_eq!(verdict(RecordingState::Verified), [EventKind::RecordingAvailable]);
        assert_eq!(verdict(RecordingState::Failed), [EventKind::RecordingFailed]);
        assert!(verdict(RecordingState::Pending).is_empty());
        // Straight from pending to ended, without storage: no egress_started, and the recording
        // is announced as not verified.
        let mut direct = start.clone();
        apply_info(&mut direct, &info("EGRESS_COMPLETE"), 9);
        direct.recording = Some(recordings::on_end(None, false, 9));
        assert_eq!(kinds(&start, &direct), [EventKind::EgressEnded, EventKind::RecordingAvailable]);
        let (_, data) = transition_events(&start, &direct).pop().unwrap();
        assert_eq!(
            (data["recording"]["verified"].as_bool(), data["recording"]["verification"].as_str()),
            (Some(false), Some("not_verified"))
        );
        // An RTMP egress has no recording.
        let mut rtmp = direct.clone();
        rtmp.output = OutputType::Rtmp;
        assert_eq!(kinds(&start, &rtmp), [EventKind::EgressEnded]);
    }

    #[test]
    fn a_stop_means_at_least_stopping() {
        let mut e = plan(req(json!({"room_name": "r", "output_type": "hls"})), "p", None, None).unwrap().egress;
        assert!(apply_stop(&mut e, &EgressInfo { status: "EGRESS_STARTING".into(), ..Default::default() }, 1));
        assert_eq!(e.status, EgressStatus::Stopping);
    }

    #[test]
    fn default_filename_is_room_and_utc_stamp() {
        let f = default_filename("town hall", "eg_01jd8x0000000000000abc123");
        assert!(f.starts_with("town-hall-") && f.ends_with("-abc123"), "{f}");
        assert_eq!(f.len(), "town-hall-yyyymmdd-hhmmss-abc123".len(), "{f}");
    }
}
