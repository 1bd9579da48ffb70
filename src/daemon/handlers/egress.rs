//! Egress: start, stop, get, list (SPEC §2.2). The record is written `pending` and committed
//! before LiveKit is called, so a crash never loses track of an egress LiveKit started.

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;

use super::{Answer, ListQuery, created, livekit_room, ok, one_of, required, validate_room};
use crate::api::{Egress, Page, StartEgress, StopEgress};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::pipeline::Outcome;
use crate::daemon::reject::{ApiError, parse_json};
use crate::livekit::models::*;
use crate::media::{self, Storage};
use crate::store::ProjectRecord;
use crate::util::{mask_rtmp_url, new_id, now_rfc3339, rfc3339_from_nanos};

const OUTPUT_TYPES: &[&str] = &["hls", "rtmp", "file"];
const EGRESS_TYPES: &[&str] = &["room_composite", "track_composite", "track"];
const LAYOUTS: &[&str] = &["speaker", "grid", "single"];
const PRESETS: &[&str] = &[
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
/// HLS segment length (SPEC §2.2).
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
    pub egress: Egress,
    pub request: StartRequest,
}

fn invalid(field: &str, msg: impl Into<String>) -> ApiError {
    ApiError::invalid(field, msg)
}

/// Checks a start request and builds both the pending record and the LiveKit request.
pub fn plan(
    req: StartEgress,
    project_id: &str,
    cdn: Option<&str>,
    storage: Option<&Storage>,
) -> Result<Plan, ApiError> {
    let room = required("room_name", req.room_name)?;
    validate_room(&room)?;
    let output = required("output_type", req.output_type)?;
    one_of("output_type", &output, OUTPUT_TYPES)?;
    let kind = req.egress_type.unwrap_or_else(|| "room_composite".into());
    one_of("egress_type", &kind, EGRESS_TYPES)?;

    let layout = match (&kind[..], req.layout_type) {
        ("room_composite", l) => {
            let l = l.unwrap_or_else(|| "speaker".into());
            one_of("layout_type", &l, LAYOUTS)?;
            Some(l)
        }
        (_, Some(_)) => return Err(invalid("layout_type", "layout_type applies to egress_type room_composite only")),
        (_, None) => None,
    };
    let audio_only = req.audio_only.unwrap_or(false);
    let video_only = req.video_only.unwrap_or(false);
    if audio_only && video_only {
        return Err(invalid("video_only", "audio_only and video_only cannot both be true"));
    }
    if (audio_only || video_only) && kind != "room_composite" {
        let field = if audio_only { "audio_only" } else { "video_only" };
        return Err(invalid(field, format!("{field} applies to egress_type room_composite only")));
    }
    let preset = match req.preset {
        Some(p) => {
            let p = p.to_uppercase();
            one_of("preset", &p, PRESETS)?;
            if kind == "track" {
                return Err(invalid("preset", "track egress does not transcode; leave preset out"));
            }
            Some(p)
        }
        None => None,
    };
    let rtmp_urls = req.rtmp_urls.unwrap_or_default();
    if output == "rtmp" {
        if rtmp_urls.is_empty() || rtmp_urls.len() > 10 {
            return Err(invalid("rtmp_urls", "output_type rtmp needs 1 to 10 rtmp_urls (rtmp:// or rtmps://)"));
        }
        for u in &rtmp_urls {
            let ok = ["rtmp://", "rtmps://"].iter().any(|s| u.starts_with(s) && u.len() > s.len());
            if !ok {
                return Err(invalid(
                    "rtmp_urls",
                    format!("rtmp_urls: `{}` is not an rtmp:// or rtmps:// URL", mask_rtmp_url(u)),
                ));
            }
        }
    } else if !rtmp_urls.is_empty() {
        return Err(invalid("rtmp_urls", "rtmp_urls apply to output_type rtmp only"));
    }
    let filename = match req.filename {
        Some(f) => {
            let valid = (1..=128).contains(&f.len())
                && f.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
                && f != "."
                && f != "..";
            if !valid {
                return Err(invalid("filename", "filename must be 1 to 128 of A-Z a-z 0-9 . _ -"));
            }
            Some(f)
        }
        None if output == "rtmp" => None,
        None => Some(default_filename(&room)),
    };

    let s3 = storage.map(S3Upload::from);
    let (mut outputs, mut cdn_playback_url, mut file_url) = (Outputs::default(), None, None);
    let file_name = filename.clone().unwrap_or_default();
    match output.as_str() {
        "hls" => {
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
        "file" => {
            let p = media::file_paths(cdn, project_id, &file_name);
            outputs.file_outputs.push(EncodedFileOutput {
                file_type: "MP4",
                filepath: p.object_key.clone(),
                s3: s3.clone(),
            });
            file_url = p.url;
        }
        _ => outputs.stream_outputs.push(StreamOutput { protocol: "RTMP", urls: rtmp_urls.clone() }),
    }

    if kind != "track" && req.track_id.is_some() {
        return Err(invalid("track_id", "track_id applies to egress_type track only"));
    }
    if kind != "track_composite" && (req.audio_track_id.is_some() || req.video_track_id.is_some()) {
        let field = if req.audio_track_id.is_some() { "audio_track_id" } else { "video_track_id" };
        return Err(invalid(field, format!("{field} applies to egress_type track_composite only")));
    }
    let lk_room = livekit_room(project_id, &room);
    let request = match kind.as_str() {
        "room_composite" => StartRequest::RoomComposite(RoomCompositeEgressRequest {
            room_name: lk_room,
            layout: match layout.as_deref() {
                Some("single") => "single-speaker".into(),
                Some(l) => l.into(),
                None => "speaker".into(),
            },
            audio_only,
            video_only,
            preset,
            outputs,
        }),
        "track_composite" => {
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
        _ => {
            let track_id = required("track_id", req.track_id)?;
            if output != "file" {
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
    let now = now_rfc3339();
    let egress = Egress {
        egress_id: new_id("eg"),
        livekit_egress_id: None,
        project_id: project_id.into(),
        room_name: room,
        egress_type: kind,
        output_type: output,
        layout_type: layout,
        filename,
        status: "pending".into(),
        livekit_status: None,
        cdn_playback_url,
        file_url,
        rtmp_urls: rtmp_urls.iter().map(|u| mask_rtmp_url(u)).collect(),
        error: None,
        created_at: now.clone(),
        started_at: None,
        ended_at: None,
        updated_at: now,
    };
    Ok(Plan { egress, request })
}

/// `<room>-<UTC yyyymmdd-hhmmss>`, with the room reduced to filename characters.
fn default_filename(room: &str) -> String {
    let safe: String = room
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '-' })
        .take(100)
        .collect();
    let stamp = now_rfc3339(); // 2026-11-27T03:04:05.678Z
    let digits: String = stamp.chars().filter(char::is_ascii_digit).collect();
    format!("{safe}-{}-{}", &digits[..8], &digits[8..14])
}

/// SPEC §2.2's mapping from LiveKit's status to pulse's.
pub fn map_status(livekit: &str) -> Option<&'static str> {
    Some(match livekit {
        "EGRESS_STARTING" => "pending",
        "EGRESS_ACTIVE" => "active",
        "EGRESS_ENDING" => "stopping",
        "EGRESS_COMPLETE" | "EGRESS_LIMIT_REACHED" => "ended",
        "EGRESS_FAILED" | "EGRESS_ABORTED" => "failed",
        _ => return None,
    })
}

/// Lifecycle order: pending < active < stopping < final.
pub fn rank(status: &str) -> u8 {
    match status {
        "pending" => 0,
        "active" => 1,
        "stopping" => 2,
        _ => 3,
    }
}

/// Moves `e` forward to what LiveKit reports; never backwards, never out of a final state.
/// Returns whether anything changed.
pub fn apply_info(e: &mut Egress, info: &EgressInfo) -> bool {
    let before = e.clone();
    if e.is_final() {
        return false;
    }
    e.livekit_status = Some(info.status.clone());
    if let Some(status) = map_status(&info.status)
        && rank(status) > rank(&e.status)
    {
        e.status = status.into();
    }
    if e.started_at.is_none() {
        e.started_at = rfc3339_from_nanos(info.started_at);
    }
    if e.is_final() {
        e.ended_at = rfc3339_from_nanos(info.ended_at).or_else(|| Some(now_rfc3339()));
    }
    if !info.error.is_empty() {
        e.error = Some(info.error.clone());
    }
    let changed = *e != before;
    if changed {
        e.updated_at = now_rfc3339();
    }
    changed
}

async fn save(st: &AppState, e: &Egress) -> Result<(), ApiError> {
    st.store.egress().put(e)?;
    st.store.commit().await?;
    Ok(())
}

fn storage_for(st: &AppState, project: &ProjectRecord) -> Result<Option<Storage>, ApiError> {
    match &project.storage {
        Some(s) => {
            s.validate("storage.").map(Some).map_err(|e| ApiError::internal("stored project storage invalid", e))
        }
        None => Ok(st.settings.storage.clone()),
    }
}

/// `POST /v1/media/egress/start`.
pub async fn start(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Egress> {
    let project = st.project(&caller)?;
    let req: StartEgress = parse_json(&body)?;
    let storage = storage_for(&st, &project)?;
    let Plan { mut egress, request } =
        plan(req, &project.project.project_id, st.settings.cdn_base_url.as_deref(), storage.as_ref())?;
    save(&st, &egress).await?;
    let result = match &request {
        StartRequest::RoomComposite(r) => st.livekit.start_room_composite(r).await,
        StartRequest::TrackComposite(r) => st.livekit.start_track_composite(r).await,
        StartRequest::Track(r) => st.livekit.start_track(r).await,
    };
    match result {
        Ok(info) => {
            egress.livekit_egress_id = Some(info.egress_id.clone());
            st.store.egress().put(&egress)?;
            let egress = match st.pipeline.apply_egress(&info, None).await? {
                Outcome::Applied(e, _) => e,
                _ => egress,
            };
            tracing::info!(egress_id = %egress.egress_id, livekit_egress_id = %info.egress_id, "egress started");
            created(egress)
        }
        Err(err) => {
            egress.status = "failed".into();
            egress.error = Some(err.to_string());
            egress.ended_at = Some(now_rfc3339());
            egress.updated_at = now_rfc3339();
            save(&st, &egress).await?;
            tracing::warn!(egress_id = %egress.egress_id, error = %err, "egress start failed");
            Err(ApiError::livekit(err))
        }
    }
}

fn find(st: &AppState, project: &ProjectRecord, id: &str) -> Result<Egress, ApiError> {
    st.store.egress().get(&project.project.project_id, id)?.ok_or_else(|| ApiError::not_found(format!("egress {id}")))
}

/// Refreshes a non-final egress from LiveKit's `ListEgress`, so reads (and `--wait`) see
/// progress even when LiveKit's webhooks are lost. LiveKit being unreachable is not an error
/// here: the stored record is still the best answer.
async fn refresh(st: &AppState, mut egress: Egress) -> Result<Egress, ApiError> {
    let Some(lk) = egress.livekit_egress_id.clone().filter(|_| !egress.is_final()) else {
        return Ok(egress);
    };
    match st.livekit.get_egress(&lk).await {
        Ok(Some(info)) => {
            if let Outcome::Applied(e, _) = st.pipeline.apply_egress(&info, None).await? {
                egress = e;
            }
        }
        Ok(None) => tracing::debug!(%lk, "LiveKit no longer lists this egress"),
        Err(e) => tracing::warn!(%lk, error = %e, "could not refresh egress from LiveKit"),
    }
    Ok(egress)
}

/// `POST /v1/media/egress/stop`.
pub async fn stop(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Egress> {
    let project = st.project(&caller)?;
    let req: StopEgress = parse_json(&body)?;
    let id = required("egress_id", req.egress_id)?;
    let mut egress = find(&st, &project, &id)?;
    let ended = |e: &Egress| ApiError::conflict(format!("egress {} has already {}", e.egress_id, e.status));
    if egress.is_final() {
        return Err(ended(&egress));
    }
    let Some(lk) = egress.livekit_egress_id.clone() else {
        return Err(ApiError::conflict(format!("egress {} never started on LiveKit", egress.egress_id)));
    };
    match st.livekit.stop_egress(&lk).await {
        Ok(info) => {
            let stopping = |e: &mut Egress| {
                let mut changed = apply_info(e, &info);
                if rank(&e.status) < rank("stopping") {
                    e.status = "stopping".into();
                    e.updated_at = now_rfc3339();
                    changed = true;
                }
                changed
            };
            if let Outcome::Applied(e, _) = st.pipeline.change_egress(&lk, None, Some(&info), &stopping).await? {
                egress = e;
            }
            tracing::info!(egress_id = %egress.egress_id, "egress stopping");
            ok(egress)
        }
        Err(err) if err.twirp_code() == Some("failed_precondition") => {
            // LiveKit says it has ended already: learn how, then say so.
            let egress = refresh(&st, egress).await?;
            if egress.is_final() { Err(ended(&egress)) } else { Err(ApiError::livekit(err)) }
        }
        Err(err) => Err(ApiError::livekit(err)),
    }
}

/// `GET /v1/media/egress/:id`.
pub async fn get(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Egress> {
    let project = st.project(&caller)?;
    let egress = find(&st, &project, &id)?;
    ok(refresh(&st, egress).await?)
}

/// `GET /v1/media/egress?page&limit&status&room_name`.
pub async fn list(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<Egress>> {
    let project = st.project(&caller)?;
    let q = ListQuery::parse(&q, &["status", "room_name"])?;
    if let Some(s) = q.filter("status") {
        one_of("status", s, &["pending", "active", "stopping", "ended", "failed"])?;
    }
    let items = st
        .store
        .egress()
        .list(&project.project.project_id)?
        .into_iter()
        .filter(|e| q.filter("status").is_none_or(|s| e.status == s))
        .filter(|e| q.filter("room_name").is_none_or(|r| e.room_name == r))
        .collect();
    ok(q.page(items))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(json: serde_json::Value) -> StartEgress {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn hls_room_composite_maps_to_segment_output_with_mirrored_keys() {
        let p = plan(
            req(serde_json::json!({"room_name": "live-event", "output_type": "hls", "layout_type": "grid", "filename": "live-event-2025"})),
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
        let field = |j: serde_json::Value| plan(req(j), "p", None, None).err().unwrap().field.unwrap();
        assert_eq!(field(serde_json::json!({"output_type": "hls"})), "room_name");
        assert_eq!(field(serde_json::json!({"room_name": "r"})), "output_type");
        assert_eq!(field(serde_json::json!({"room_name": "r", "output_type": "dash"})), "output_type");
        assert_eq!(field(serde_json::json!({"room_name": "r", "output_type": "rtmp"})), "rtmp_urls");
        assert_eq!(
            field(serde_json::json!({"room_name": "r", "output_type": "rtmp", "rtmp_urls": ["http://x/y"]})),
            "rtmp_urls"
        );
        assert_eq!(field(serde_json::json!({"room_name": "r", "output_type": "hls", "filename": "a/b"})), "filename");
        assert_eq!(
            field(
                serde_json::json!({"room_name": "r", "output_type": "hls", "egress_type": "track", "track_id": "TR_1"})
            ),
            "output_type"
        );
        assert_eq!(
            field(serde_json::json!({"room_name": "r", "output_type": "file", "egress_type": "track"})),
            "track_id"
        );
        assert_eq!(
            field(serde_json::json!({"room_name": "r", "output_type": "file", "egress_type": "track_composite"})),
            "audio_track_id"
        );
        assert_eq!(
            field(serde_json::json!({"room_name": "r", "output_type": "hls", "layout_type": "mosaic"})),
            "layout_type"
        );
    }

    #[test]
    fn status_only_moves_forward() {
        let mut e =
            plan(req(serde_json::json!({"room_name": "r", "output_type": "hls"})), "p", None, None).unwrap().egress;
        let info = |s: &str| EgressInfo { status: s.into(), started_at: 1_000_000_000, ..Default::default() };
        assert!(apply_info(&mut e, &info("EGRESS_ACTIVE")));
        assert_eq!(e.status, "active");
        assert!(e.started_at.is_some());
        apply_info(&mut e, &info("EGRESS_STARTING"));
        assert_eq!(e.status, "active");
        apply_info(&mut e, &info("EGRESS_COMPLETE"));
        assert_eq!(e.status, "ended");
        assert!(e.ended_at.is_some());
        assert!(!apply_info(&mut e, &info("EGRESS_FAILED")), "final states never change");
    }

    #[test]
    fn default_filename_is_room_and_utc_stamp() {
        let f = default_filename("town hall");
        assert!(f.starts_with("town-hall-") && f.len() == "town-hall-".len() + 15, "{f}");
    }
}
