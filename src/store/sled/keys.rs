//! The sled backend's key space (one tree) and record encoding. Every list the API serves is a
//! reverse prefix scan over one of these groups, in the order it is shown (ids are ULIDs, so
//! newest first), and every group keeps its size in a counter, so a page and its total cost a
//! short scan and one read, however many records there are.
//!
//! ```text
//! P/<project>                      project            K/<key hash>            → project id
//! G/<project>/<eg>                 egress             GL/<EG_…>               → <project>/<eg>
//! Gs/<project>/<status>/<eg>       egress by status   GU/<eg>                 → project (not ended)
//!                                                     GV/<eg>                 → project (recording unchecked)
//! I/<project>/<in>                 ingress            IL/<IN_…>               → <project>/<in>
//! Ia/<project>/<in>                ingress not deleted
//! W/<project>/<we>                 endpoint           V/<project>/<evt>       event
//! R/<project>/<rul>                recording rule
//! D/<project>/<whl>                delivery           Dx/<project>/<status>/<event>/<endpoint>/<whl>
//! Q/<due ms, 8 bytes BE><project>/<whl>  → endpoint id (the schedule)
//! L/<LiveKit event id>             → first seen, ms   #<group>                → count (u64 BE)
//! Y/<owner>/<idempotency key>      a write's key and its answer (no counter)
//! S/<project>/<RM_…>               a room's session   S/<project>/<RM_…>/<PA_…>  a participant's
//! SU/<project>/<RM_…>              → nothing: the room's session has not ended (its
//!                                  participants' are found under the room's own S/ prefix)
//! ```

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{DeliveryStatus, EventKind, Millis};
use crate::store::{
    DeliveryRecord, EgressRecord, EndpointRecord, EventRecord, IdempotencyRecord, IngressRecord, ProjectRecord,
    RuleRecord, SessionRecord,
};
use crate::store::{Result, StoreError};

/// The encoding's version, the first byte of every record. 2 added `EgressRecord::rule_id`,
/// 3 `EgressRecord::recording`, 4 `EgressRecord::start`, 5 `EgressRecord::max_duration_ms`,
/// 6 `EndpointRecord::options`, 7 `EgressRecord::outputs`, 8 `ProjectRecord::limits`, 9
/// `IngressRecord::activity`, 10 `DeliveryRecord::order_key`; older records are still read (see
/// [`Row::decode_old`]).
const FORMAT: u8 = 10;

/// A record as bytes: a version byte, then postcard (compact, no field names).
pub fn encode<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    postcard::to_extend(v, vec![FORMAT]).map_err(|e| StoreError::Data(e.to_string()))
}

/// Bytes back into a record.
pub fn decode<T: Row>(b: &[u8]) -> Result<T> {
    match b.split_first() {
        Some((&FORMAT, rest)) => postcard::from_bytes(rest).map_err(|e| StoreError::Data(e.to_string())),
        Some((&v @ 1..FORMAT, rest)) => T::decode_old(v, rest),
        _ => Err(StoreError::Data("unknown record format".into())),
    }
}

/// `<tag>/<a>/<b>/…`: the parts joined with `/`, ending in `/` when `open` (a group prefix).
pub fn key(parts: &[&str], open: bool) -> Vec<u8> {
    let mut k = parts.join("/").into_bytes();
    if open {
        k.push(b'/');
    }
    k
}

/// The counter that holds a group's size.
pub fn counter(group: &[u8]) -> Vec<u8> {
    let mut k = b"#".to_vec();
    k.extend_from_slice(group);
    k
}

/// A schedule key: due time first, so a scan from the start finds what is due.
pub fn due_key(due: Millis, project_id: &str, id: &str) -> Vec<u8> {
    let mut k = b"Q/".to_vec();
    k.extend_from_slice(&(due.max(0) as u64).to_be_bytes());
    k.extend_from_slice(format!("{project_id}/{id}").as_bytes());
    k
}

/// The schedule group.
pub const QUEUE: &[u8] = b"Q/";

/// What a schedule key holds: the delivery's endpoint, and for an ordered one `\n` and its
/// order key (see [`split_queue_value`]).
fn queue_value(d: &DeliveryRecord) -> Vec<u8> {
    match &d.order_key {
        Some(k) => format!("{}\n{k}", d.endpoint_id).into_bytes(),
        None => d.endpoint_id.as_bytes().to_vec(),
    }
}

/// A schedule key's value as (endpoint, the group it is ordered in: `<endpoint>\n<key>`).
pub fn split_queue_value(v: &str) -> (&str, Option<&str>) {
    match v.split_once('\n') {
        Some((endpoint, _)) => (endpoint, Some(v)),
        None => (v, None),
    }
}

/// A LiveKit event id's dedupe key.
pub fn seen_key(livekit_event: &str) -> Vec<u8> {
    key(&["L", livekit_event], false)
}

/// The lowest (`high` false) or highest id of `prefix` minted at `ms`: ids are lowercase ULIDs,
/// so time bounds become key bounds.
pub fn id_bound(prefix: &str, ms: Millis, high: bool) -> String {
    let random = if high { (1u128 << 80) - 1 } else { 0 };
    format!("{prefix}_{}", ulid::Ulid::from_parts(ms.max(0) as u64, random).to_string().to_lowercase())
}

/// One key a record occupies: the record itself, an index entry or a lookup; `group` names the
/// counted group it belongs to, if any.
pub struct Entry {
    pub key: Vec<u8>,
    pub value: Vec<u8>,
    pub group: Option<Vec<u8>>,
}

fn entry(group: Vec<u8>, id: &str, value: Vec<u8>) -> Entry {
    let mut key = group.clone();
    key.extend_from_slice(id.as_bytes());
    Entry { key, value, group: Some(group) }
}

fn lookup(key: Vec<u8>, value: impl Into<Vec<u8>>) -> Entry {
    Entry { key, value: value.into(), group: None }
}

/// A stored record: where it lives and every key it occupies.
pub trait Row: Serialize + DeserializeOwned {
    /// The record's own key.
    fn primary(&self) -> Vec<u8>;
    /// Every key it occupies, the record itself first (its value the encoded record).
    fn entries(&self) -> Result<Vec<Entry>>;
    fn rev(&self) -> u64;
    fn set_rev(&mut self, rev: u64);
    /// A record written by an older format (the same fields, unless a type says otherwise).
    fn decode_old(_format: u8, b: &[u8]) -> Result<Self> {
        postcard::from_bytes(b).map_err(|e| StoreError::Data(e.to_string()))
    }
}

/// `EgressRecord` as format 1 wrote it: without `rule_id`. Format 2 wrote this and then
/// `rule_id` (postcard puts fields one after another, so a tuple reads it).
#[derive(serde::Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct EgressV1 {
    id: String,
    livekit_id: Option<String>,
    project_id: String,
    room_name: String,
    kind: crate::model::EgressKind,
    output: crate::model::OutputType,
    layout: Option<crate::model::Layout>,
    filename: Option<String>,
    status: crate::model::EgressStatus,
    livekit_status: Option<String>,
    cdn_playback_url: Option<String>,
    file_url: Option<String>,
    rtmp_urls: Vec<String>,
    error: Option<String>,
    created_ms: Millis,
    started_ms: Option<Millis>,
    ended_ms: Option<Millis>,
    updated_ms: Millis,
    rev: u64,
}

macro_rules! revs {
    () => {
        fn rev(&self) -> u64 {
            self.rev
        }
        fn set_rev(&mut self, rev: u64) {
            self.rev = rev;
        }
    };
}

/// `ProjectRecord` as formats 1 to 7 wrote it: without `limits`.
#[derive(serde::Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct ProjectV7 {
    id: String,
    name: String,
    key_hash: String,
    key_prefix: String,
    storage: Option<crate::media::StorageConfig>,
    created_ms: Millis,
    rev: u64,
}

impl Row for ProjectRecord {
    fn decode_old(_format: u8, b: &[u8]) -> Result<Self> {
        let p: ProjectV7 = postcard::from_bytes(b).map_err(|e| StoreError::Data(e.to_string()))?;
        Ok(ProjectRecord {
            id: p.id.into(),
            name: p.name,
            key_hash: p.key_hash,
            key_prefix: p.key_prefix,
            storage: p.storage,
            created_ms: p.created_ms,
            rev: p.rev,
            limits: Default::default(),
        })
    }
    fn primary(&self) -> Vec<u8> {
        key(&["P", &self.id], false)
    }
    fn entries(&self) -> Result<Vec<Entry>> {
        Ok(vec![
            entry(b"P/".to_vec(), &self.id, encode(self)?),
            lookup(key(&["K", &self.key_hash], false), self.id.as_bytes()),
        ])
    }
    revs!();
}

impl Row for IdempotencyRecord {
    fn primary(&self) -> Vec<u8> {
        key(&["Y", &self.owner, &self.key], false)
    }
    fn entries(&self) -> Result<Vec<Entry>> {
        Ok(vec![lookup(self.primary(), encode(self)?)])
    }
    revs!();
}

impl Row for RuleRecord {
    fn primary(&self) -> Vec<u8> {
        key(&["R", &self.project_id, &self.id], false)
    }
    fn entries(&self) -> Result<Vec<Entry>> {
        Ok(vec![entry(key(&["R", &self.project_id], true), &self.id, encode(self)?)])
    }
    revs!();
}

impl Row for EgressRecord {
    fn decode_old(format: u8, b: &[u8]) -> Result<Self> {
        let bad = |e: postcard::Error| StoreError::Data(e.to_string());
        type Check = Option<crate::store::RecordingCheck>;
        type Start = Option<crate::store::StartRetry>;
        let (e, rule_id, recording, start, max_duration_ms) = match format {
            1 => (postcard::from_bytes::<EgressV1>(b).map_err(bad)?, None, None, None, None),
            2 => {
                let (e, r) = postcard::from_bytes::<(EgressV1, Option<String>)>(b).map_err(bad)?;
                (e, r, None, None, None)
            }
            3 => {
                let (e, r, c) = postcard::from_bytes::<(EgressV1, Option<String>, Check)>(b).map_err(bad)?;
                (e, r, c, None, None)
            }
            4 => {
                let (e, r, c, s) = postcard::from_bytes::<(EgressV1, Option<String>, Check, Start)>(b).map_err(bad)?;
                (e, r, c, s, None)
            }
            // 5 and 6 (which changed only endpoints) wrote today's egress without `outputs`.
            _ => postcard::from_bytes::<(EgressV1, Option<String>, Check, Start, Option<Millis>)>(b).map_err(bad)?,
        };
        Ok(EgressRecord {
            id: e.id.into(),
            livekit_id: e.livekit_id,
            project_id: e.project_id.into(),
            room_name: e.room_name,
            kind: e.kind,
            output: e.output,
            layout: e.layout,
            filename: e.filename,
            status: e.status,
            livekit_status: e.livekit_status,
            cdn_playback_url: e.cdn_playback_url,
            file_url: e.file_url,
            rtmp_urls: e.rtmp_urls,
            error: e.error,
            created_ms: e.created_ms,
            started_ms: e.started_ms,
            ended_ms: e.ended_ms,
            updated_ms: e.updated_ms,
            rev: e.rev,
            rule_id: rule_id.map(Into::into),
            recording,
            start,
            max_duration_ms,
            outputs: Default::default(),
        })
    }
    fn primary(&self) -> Vec<u8> {
        key(&["G", &self.project_id, &self.id], false)
    }
    fn entries(&self) -> Result<Vec<Entry>> {
        let p = &self.project_id;
        let mut out = vec![
            entry(key(&["G", p], true), &self.id, encode(self)?),
            entry(key(&["Gs", p, self.status.as_str()], true), &self.id, Vec::new()),
        ];
        if let Some(lk) = &self.livekit_id {
            out.push(lookup(key(&["GL", lk], false), format!("{p}/{}", self.id)));
        }
        if !self.status.is_final() {
            out.push(lookup(key(&["GU", &self.id], false), p.as_bytes()));
        }
        if self.recording.as_ref().is_some_and(|r| r.state == crate::model::RecordingState::Pending) {
            out.push(lookup(key(&["GV", &self.id], false), p.as_bytes()));
        }
        Ok(out)
    }
    revs!();
}

/// `IngressRecord` as formats 1 to 8 wrote it: without `activity`.
#[derive(serde::Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct IngressV8 {
    id: String,
    livekit_id: String,
    project_id: String,
    kind: crate::model::IngressKind,
    name: Option<String>,
    room_name: String,
    participant_name: String,
    participant_identity: String,
    rtmp_url: Option<String>,
    rtmp_stream_key: Option<String>,
    whip_url: Option<String>,
    url: Option<String>,
    status: crate::model::IngressStatus,
    error: Option<String>,
    audio_enabled: bool,
    video_enabled: bool,
    created_ms: Millis,
    updated_ms: Millis,
    deleted_ms: Option<Millis>,
    rev: u64,
}

impl Row for IngressRecord {
    fn decode_old(_format: u8, b: &[u8]) -> Result<Self> {
        let i: IngressV8 = postcard::from_bytes(b).map_err(|e| StoreError::Data(e.to_string()))?;
        Ok(IngressRecord {
            id: i.id.into(),
            livekit_id: i.livekit_id,
            project_id: i.project_id.into(),
            kind: i.kind,
            name: i.name,
            room_name: i.room_name,
            participant_name: i.participant_name,
            participant_identity: i.participant_identity,
            rtmp_url: i.rtmp_url,
            rtmp_stream_key: i.rtmp_stream_key,
            whip_url: i.whip_url,
            url: i.url,
            status: i.status,
            error: i.error,
            audio_enabled: i.audio_enabled,
            video_enabled: i.video_enabled,
            created_ms: i.created_ms,
            updated_ms: i.updated_ms,
            deleted_ms: i.deleted_ms,
            rev: i.rev,
            activity: Default::default(),
        })
    }
    fn primary(&self) -> Vec<u8> {
        key(&["I", &self.project_id, &self.id], false)
    }
    fn entries(&self) -> Result<Vec<Entry>> {
        let p = &self.project_id;
        let mut out = vec![
            entry(key(&["I", p], true), &self.id, encode(self)?),
            lookup(key(&["IL", &self.livekit_id], false), format!("{p}/{}", self.id)),
        ];
        if self.deleted_ms.is_none() {
            out.push(entry(key(&["Ia", p], true), &self.id, Vec::new()));
        }
        Ok(out)
    }
    revs!();
}

/// `EndpointRecord` as formats 1 to 5 wrote it: without `options`.
#[derive(serde::Deserialize)]
struct EndpointV5 {
    id: String,
    project_id: String,
    url: String,
    events: Vec<EventKind>,
    description: Option<String>,
    enabled: bool,
    disabled_reason: Option<String>,
    created_ms: Millis,
    secrets: Vec<crate::store::SecretEntry>,
    rev: u64,
}

impl Row for EndpointRecord {
    fn decode_old(_format: u8, b: &[u8]) -> Result<Self> {
        let e: EndpointV5 = postcard::from_bytes(b).map_err(|e| StoreError::Data(e.to_string()))?;
        Ok(EndpointRecord {
            id: e.id.into(),
            project_id: e.project_id.into(),
            url: e.url,
            events: e.events,
            description: e.description,
            enabled: e.enabled,
            disabled_reason: e.disabled_reason,
            created_ms: e.created_ms,
            secrets: e.secrets,
            rev: e.rev,
            options: Default::default(),
        })
    }
    fn primary(&self) -> Vec<u8> {
        key(&["W", &self.project_id, &self.id], false)
    }
    fn entries(&self) -> Result<Vec<Entry>> {
        Ok(vec![entry(key(&["W", &self.project_id], true), &self.id, encode(self)?)])
    }
    revs!();
}

impl Row for EventRecord {
    fn primary(&self) -> Vec<u8> {
        key(&["V", &self.project_id, &self.id], false)
    }
    fn entries(&self) -> Result<Vec<Entry>> {
        Ok(vec![entry(key(&["V", &self.project_id], true), &self.id, encode(self)?)])
    }
    fn rev(&self) -> u64 {
        0
    }
    fn set_rev(&mut self, _: u64) {}
}

impl Row for DeliveryRecord {
    /// Formats before 10 wrote today's delivery without its last field, `order_key`: postcard
    /// writes an absent option as one 0 byte, so the old bytes and a 0 read as the new record.
    fn decode_old(_format: u8, b: &[u8]) -> Result<Self> {
        let mut bytes = b.to_vec();
        bytes.push(0);
        postcard::from_bytes(&bytes).map_err(|e| StoreError::Data(e.to_string()))
    }
    fn primary(&self) -> Vec<u8> {
        key(&["D", &self.project_id, &self.id], false)
    }
    fn entries(&self) -> Result<Vec<Entry>> {
        let p = &self.project_id;
        let mut out = vec![
            entry(key(&["D", p], true), &self.id, encode(self)?),
            entry(delivery_index(p, self.status, self.event, &self.endpoint_id), &self.id, Vec::new()),
        ];
        if let Some(due) = self.due_ms {
            out.push(Entry { key: due_key(due, p, &self.id), value: queue_value(self), group: Some(QUEUE.to_vec()) });
        }
        Ok(out)
    }
    revs!();
}

/// A session's key: `S/<project>/<room sid>`, and `/<participant sid>` for a participant's.
pub fn session_key(tag: &str, project: &str, room_sid: &str, participant_sid: Option<&str>) -> Vec<u8> {
    match participant_sid {
        Some(pa) => key(&[tag, project, room_sid, pa], false),
        None => key(&[tag, project, room_sid], false),
    }
}

impl Row for SessionRecord {
    fn primary(&self) -> Vec<u8> {
        session_key("S", &self.project_id, &self.room_sid, self.participant_sid.as_deref())
    }
    fn entries(&self) -> Result<Vec<Entry>> {
        let mut out = vec![lookup(self.primary(), encode(self)?)];
        // Rooms only: a key per participant session too cost a seventh of the intake's CPU.
        if self.ended_ms.is_none() && self.participant_sid.is_none() {
            out.push(lookup(session_key("SU", &self.project_id, &self.room_sid, None), Vec::new()));
        }
        Ok(out)
    }
    revs!();
}

/// The groups a project's data lives in (for deleting a project).
pub const PROJECT_GROUPS: &[&str] = &["G", "Gs", "I", "Ia", "R", "W", "V", "D", DELIVERY_INDEX];

/// The deliveries of one (status, event, endpoint) combination: one index entry per delivery
/// serves every filter. A filter picks the combinations it matches from their counters and
/// merges their newest-first scans. (Three indexes, one per filter, cost two more keys per
/// delivery, and sled's memory grows with keys: a third of it at 1,000,000 logs.)
pub fn delivery_index(project: &str, status: DeliveryStatus, event: EventKind, endpoint: &str) -> Vec<u8> {
    key(&[DELIVERY_INDEX, project, status.as_str(), event.as_str(), endpoint], true)
}

/// The tag of [`delivery_index`] groups.
pub const DELIVERY_INDEX: &str = "Dx";

/// Tags of the per-filter delivery indexes [`delivery_index`] replaced (read only to migrate).
pub const OLD_DELIVERY_INDEXES: &[&str] = &["Ds", "De", "Dp"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_bounds_sort_around_ids_of_that_millisecond() {
        let id = format!("whl_{}", ulid::Ulid::from_parts(1_700_000_000_123, 42).to_string().to_lowercase());
        assert!(id_bound("whl", 1_700_000_000_123, false) <= id);
        assert!(id_bound("whl", 1_700_000_000_123, true) >= id);
        assert!(id_bound("whl", 1_700_000_000_124, false) > id);
    }

    #[test]
    fn an_egress_written_by_format_1_still_reads() {
        use crate::model::*;
        let old = EgressV1 {
            id: "eg_1".into(),
            livekit_id: Some("EG_x".into()),
            project_id: "prj_1".into(),
            room_name: "r".into(),
            kind: EgressKind::RoomComposite,
            output: OutputType::Hls,
            layout: Some(Layout::Grid),
            filename: Some("f".into()),
            status: EgressStatus::Active,
            livekit_status: None,
            cdn_playback_url: None,
            file_url: None,
            rtmp_urls: vec![],
            error: None,
            created_ms: 1,
            started_ms: Some(2),
            ended_ms: None,
            updated_ms: 3,
            rev: 4,
        };
        let bytes = postcard::to_extend(&old, vec![1u8]).unwrap();
        let e: EgressRecord = decode(&bytes).unwrap();
        assert_eq!((e.id.as_str(), e.status, e.rev, e.rule_id.as_deref()), ("eg_1", EgressStatus::Active, 4, None));
        let again: EgressRecord = decode(&encode(&e).unwrap()).unwrap();
        assert_eq!(again, e, "the current format round-trips");
        let v2 = postcard::to_extend(&(&old, Some("rul_1")), vec![2u8]).unwrap();
        let e: EgressRecord = decode(&v2).unwrap();
        assert_eq!((e.rule_id.as_deref(), e.recording), (Some("rul_1"), None), "format 2 still reads");
        let check = crate::store::RecordingCheck {
            state: RecordingState::Verified,
            size_bytes: Some(9),
            segments: None,
            detail: None,
            attempts: 0,
            next_ms: 0,
            checked_ms: Some(5),
            duration_ns: 1,
            reported_size: 9,
            location: None,
        };
        let v3 = postcard::to_extend(&(&old, Some("rul_1"), Some(&check)), vec![3u8]).unwrap();
        let e: EgressRecord = decode(&v3).unwrap();
        assert_eq!((e.recording.as_ref(), e.start.as_ref()), (Some(&check), None), "format 3 still reads");
        let retry = crate::store::StartRetry {
            request: "{}".into(),
            attempts: 2,
            max_attempts: 5,
            next_ms: 7,
            last_error: None,
        };
        let v4 = postcard::to_extend(&(&old, Some("rul_1"), Some(&check), Some(&retry)), vec![4u8]).unwrap();
        let e: EgressRecord = decode(&v4).unwrap();
        assert_eq!((&e.start, e.max_duration_ms), (&Some(retry.clone()), None), "format 4 still reads");
        let mut five = e.clone();
        five.max_duration_ms = Some(60_000);
        for format in [5u8, 6] {
            let bytes =
                postcard::to_extend(&(&old, Some("rul_1"), Some(&check), Some(&retry), Some(60_000i64)), vec![format])
                    .unwrap();
            assert_eq!(decode::<EgressRecord>(&bytes).unwrap(), five, "format {format} still reads");
        }
        let mut seven = five.clone();
        seven.outputs.also = vec![OutputType::File, OutputType::Images];
        seven.outputs.images =
            Some(Box::new(crate::store::ImageSettings { interval_secs: 10, count: 3, ..Default::default() }));
        assert_eq!(decode::<EgressRecord>(&encode(&seven).unwrap()).unwrap(), seven, "outputs round-trip");
    }

    #[test]
    fn a_project_written_before_limits_still_reads() {
        let old = ProjectV7 {
            id: "prj_1".into(),
            name: "a".into(),
            key_hash: "h".into(),
            key_prefix: "p".into(),
            storage: None,
            created_ms: 1,
            rev: 2,
        };
        let p: ProjectRecord = decode(&postcard::to_extend(&old, vec![7u8]).unwrap()).unwrap();
        assert_eq!((p.id.as_str(), p.rev, &p.limits), ("prj_1", 2, &Default::default()));
        let mut limited = p.clone();
        limited.limits.concurrent_egress = Some(5);
        assert_eq!(decode::<ProjectRecord>(&encode(&limited).unwrap()).unwrap(), limited);
    }

    #[test]
    fn an_ingress_written_before_its_activity_still_reads() {
        use crate::model::{IngressKind, IngressStatus};
        let old = IngressV8 {
            id: "in_1".into(),
            livekit_id: "IN_x".into(),
            project_id: "prj_1".into(),
            kind: IngressKind::Rtmp,
            name: None,
            room_name: "r".into(),
            participant_name: "p".into(),
            participant_identity: "p".into(),
            rtmp_url: None,
            rtmp_stream_key: Some("****".into()),
            whip_url: None,
            url: None,
            status: IngressStatus::Active,
            error: None,
            audio_enabled: true,
            video_enabled: true,
            created_ms: 1,
            updated_ms: 2,
            deleted_ms: None,
            rev: 3,
        };
        let i: IngressRecord = decode(&postcard::to_extend(&old, vec![8u8]).unwrap()).unwrap();
        assert_eq!((i.id.as_str(), i.rev, i.activity.spans.len()), ("in_1", 3, 0));
        let mut active = i.clone();
        active.activity.spans.push((5, None));
        assert_eq!(decode::<IngressRecord>(&encode(&active).unwrap()).unwrap(), active);
    }

    #[derive(serde::Serialize)]
    struct EndpointV5Out<'a> {
        id: &'a str,
        project_id: &'a str,
        url: &'a str,
        events: Vec<EventKind>,
        description: Option<&'a str>,
        enabled: bool,
        disabled_reason: Option<&'a str>,
        created_ms: Millis,
        secrets: Vec<crate::store::SecretEntry>,
        rev: u64,
    }

    #[test]
    fn an_endpoint_written_before_options_reads_with_none_and_options_round_trip() {
        let secrets = vec![crate::store::SecretEntry { secret: "whsec_x".into(), expires_ms: None }];
        let old = EndpointV5Out {
            id: "we_1",
            project_id: "prj_1",
            url: "https://example.com/h",
            events: vec![EventKind::EgressEnded],
            description: Some("d"),
            enabled: true,
            disabled_reason: None,
            created_ms: 1,
            secrets: secrets.clone(),
            rev: 3,
        };
        let bytes = postcard::to_extend(&old, vec![5u8]).unwrap();
        let e: EndpointRecord = decode(&bytes).unwrap();
        assert_eq!((e.id.as_str(), e.url.as_str(), e.rev, &e.secrets), ("we_1", "https://example.com/h", 3, &secrets));
        assert_eq!(e.options, crate::store::EndpointOptions::default());
        let mut with = e.clone();
        with.options.rooms = vec!["live-*".into()];
        assert_eq!(decode::<EndpointRecord>(&encode(&with).unwrap()).unwrap(), with, "the current format round-trips");
        // In JSON (PostgreSQL's jsonb) the options are an object, and a missing one defaults.
        let json = serde_json::to_value(&with).unwrap();
        assert_eq!(json["options"]["rooms"], serde_json::json!(["live-*"]));
        let mut older = json.clone();
        older.as_object_mut().unwrap().remove("options");
        assert_eq!(serde_json::from_value::<EndpointRecord>(older).unwrap(), e);
    }

    #[test]
    fn a_delivery_written_before_order_keys_still_reads() {
        use crate::store::records::samples::delivery;
        let d = delivery("prj_1", "whl_1", crate::model::DeliveryStatus::Pending, Some(5));
        // Format 9 wrote exactly today's bytes without the trailing `order_key`.
        let mut old = encode(&d).unwrap();
        assert_eq!(old.pop(), Some(0));
        old[0] = 9;
        assert_eq!(decode::<DeliveryRecord>(&old).unwrap(), d);
        let ordered = DeliveryRecord { order_key: Some("egress:eg_1".into()), ..d };
        assert_eq!(decode::<DeliveryRecord>(&encode(&ordered).unwrap()).unwrap(), ordered);
    }

    #[test]
    fn due_keys_sort_by_time() {
        assert!(due_key(5, "prj_b", "whl_a") < due_key(6, "prj_a", "whl_a"));
        assert!(due_key(256, "p", "x") > due_key(255, "p", "x"));
    }
}
