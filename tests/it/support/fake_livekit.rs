//! A fake LiveKit server that speaks Twirp JSON the way livekit-server does
//! (reference/livekit.md §1.2, §1.5, §2): it verifies HS256 tokens and grants, answers
//! snake_case with defaults emitted and int64 as strings, sends plain-text 401s from its auth
//! layer and Twirp JSON errors from its services, and records every request.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use warp::Filter;
use warp::http::Response;

/// One request as LiveKit received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub body: Value,
    pub claims: Value,
    pub content_type: String,
}

/// How the fake egress service moves egress along when `ListEgress` is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// STARTING → ACTIVE, ENDING → COMPLETE.
    Normal,
    /// Nothing moves (no tracks published: livekit/egress#796).
    Stuck,
    /// STARTING → FAILED with an error.
    Fail,
}

#[derive(Default)]
struct State {
    egress: HashMap<String, Value>,
    ingress: HashMap<String, Value>,
    requests: Vec<Recorded>,
    progress: Option<Progress>,
    next_error: Option<(u16, String, String)>,
    /// Egress starts still to refuse, and how.
    start_failures: u32,
    start_error: Option<(u16, String, String)>,
    /// The next egress start happens, but its answer is a 503 (lost in a timeout).
    lose_answer: bool,
    /// Egress and ingress created so far (their ids' numbers).
    counter: u64,
    /// What ListRooms answers (protojson `Room`s).
    rooms: Vec<Value>,
    /// What ListParticipants answers, by LiveKit room name (protojson `ParticipantInfo`s).
    participants: HashMap<String, Vec<Value>>,
    /// How long egress starts take to answer (after the egress exists).
    start_delay: Option<std::time::Duration>,
    /// Each egress's start request as sent (credentials and all), to upload with.
    originals: HashMap<String, Value>,
}

/// What the fake egress leaves in the bucket when it completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upload {
    /// HLS: three segments, the playlist naming them and the live playlist; file: the MP4.
    Full,
    /// Nothing (egress#1284: the upload failed, yet the egress completed).
    Nothing,
    /// A zero-byte playlist or MP4.
    Empty,
    /// HLS: the playlist, without the segments it names (egress#329: deleted temp files).
    PlaylistOnly,
}

/// The running fake.
#[derive(Clone)]
pub struct FakeLiveKit {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

fn now_ns() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as i64
}

fn twirp(status: u16, code: &str, msg: &str) -> Response<String> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(json!({"code": code, "msg": msg}).to_string())
        .unwrap()
}

fn plain_401(msg: &str) -> Response<String> {
    Response::builder().status(401).header("content-type", "text/plain; charset=utf-8").body(msg.to_string()).unwrap()
}

fn ok(v: Value) -> Response<String> {
    Response::builder().status(200).header("content-type", "application/json").body(v.to_string()).unwrap()
}

/// A full EgressInfo as protojson emits it with EmitUnpopulated and UseProtoNames.
fn egress_info(id: &str, room: &str, request_key: &str, request: &Value) -> Value {
    let mut v = json!({
        "egress_id": id, "room_id": "RM_fake", "room_name": room,
        "source_type": "EGRESS_SOURCE_TYPE_WEB", "status": "EGRESS_STARTING",
        "started_at": "0", "ended_at": "0", "updated_at": now_ns().to_string(),
        "details": "", "error": "", "error_code": 0,
        "stream_results": [], "file_results": [], "segment_results": [], "image_results": [],
        "manifest_location": "", "backup_storage_used": false, "retry_count": 0
    });
    v[request_key] = redact(request.clone());
    v
}

/// The egress service redacts credentials in the echoed request (protocol/egress/redact.go).
fn redact(mut v: Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for (k, val) in m.iter_mut() {
                    match k.as_str() {
                        "accessKey" => *val = json!("{access_key}"),
                        "secret" => *val = json!("{secret}"),
                        _ => walk(val),
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    v
}

impl FakeLiveKit {
    /// Starts the fake on 127.0.0.1:0, accepting tokens signed by `key`/`secret`.
    pub async fn start(key: &'static str, secret: &'static str) -> FakeLiveKit {
        let state = Arc::new(Mutex::new(State::default()));
        let s = state.clone();
        let route = warp::post()
            .and(warp::path!("twirp" / String / String))
            .and(warp::header::optional::<String>("authorization"))
            .and(warp::header::optional::<String>("content-type"))
            .and(warp::body::bytes())
            .then(
                move |service: String, method: String, auth: Option<String>, ct: Option<String>, body: bytes::Bytes| {
                    let s = s.clone();
                    async move {
                        let answer = handle(&s, key, secret, &service, &method, auth, ct, &body);
                        // An egress start that LiveKit carries out but answers slowly.
                        let delay = s.lock().unwrap().start_delay.filter(|_| method.starts_with("Start"));
                        if let Some(d) = delay {
                            tokio::time::sleep(d).await;
                        }
                        answer
                    }
                },
            );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(warp::serve(route).incoming(listener).run());
        FakeLiveKit { addr, state }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// The requests a client's call could have caused: all but the reconciler's own reads of
    /// rooms and participants (`ListRooms`, `ListParticipants`), which it makes on its timer.
    pub fn calls(&self) -> Vec<Recorded> {
        self.requests().into_iter().filter(|r| !reconciler_read(&r.method)).collect()
    }

    /// The requests to one method.
    pub fn requests_to(&self, method: &str) -> Vec<Recorded> {
        self.requests().into_iter().filter(|r| r.method == method).collect()
    }

    /// How egress moves on `ListEgress`.
    /// The rooms ListRooms lists from now on.
    pub fn set_rooms(&self, rooms: Vec<Value>) {
        self.state.lock().unwrap().rooms = rooms;
    }

    /// Who ListParticipants lists in `room` (LiveKit's name) from now on.
    pub fn set_participants(&self, room: &str, participants: Vec<Value>) {
        self.state.lock().unwrap().participants.insert(room.to_string(), participants);
    }

    pub fn set_progress(&self, p: Progress) {
        self.state.lock().unwrap().progress = Some(p);
    }

    /// Forgets an egress, as if its start had never reached LiveKit.
    pub fn forget_egress(&self, id: &str) {
        self.state.lock().unwrap().egress.remove(id);
    }

    /// Egress starts answer only after `d` (the egress exists from the start).
    pub fn set_start_delay(&self, d: std::time::Duration) {
        self.state.lock().unwrap().start_delay = Some(d);
    }

    /// The next service call answers this Twirp error.
    /// The RTMP targets LiveKit sends egress `id` to now (its start's, as UpdateStream changed them).
    pub fn stream_urls(&self, id: &str) -> Vec<String> {
        let st = self.state.lock().unwrap();
        let urls = st.originals.get(id).map(|o| o["streamOutputs"][0]["urls"].clone()).unwrap_or_default();
        serde_json::from_value(urls).unwrap_or_default()
    }

    /// The next `n` egress starts (only those) are refused with this Twirp error.
    pub fn fail_times(&self, n: u32, status: u16, code: &str, msg: &str) {
        let mut st = self.state.lock().unwrap();
        st.start_failures = n;
        st.start_error = Some((status, code.into(), msg.into()));
    }

    /// The next egress start happens, but pulse hears a 503 instead of its answer.
    pub fn lose_next_answer(&self) {
        self.state.lock().unwrap().lose_answer = true;
    }

    /// Fails the next call a client's call could cause (not the reconciler's reads, which come
    /// on its own timer: on a loaded machine one landed first and took the failure meant for a
    /// start).
    pub fn fail_next(&self, status: u16, code: &str, msg: &str) {
        self.state.lock().unwrap().next_error = Some((status, code.into(), msg.into()));
    }

    /// Sets an egress's status as LiveKit would report it.
    pub fn set_egress_status(&self, id: &str, status: &str) {
        let mut st = self.state.lock().unwrap();
        st.egress.get_mut(id).expect("known egress")["status"] = json!(status);
    }

    /// Ends an egress as LiveKit's egress service does: uploads what `upload` says to the S3
    /// storage its request named, then reports `EGRESS_COMPLETE` with its results. Returns
    /// the `EgressInfo`.
    pub async fn complete_egress(&self, id: &str, upload: Upload) -> Value {
        let request = self.state.lock().unwrap().originals.get(id).cloned().expect("known egress");
        let (mut segment_results, mut file_results) = (Vec::new(), Vec::new());
        if let Some(seg) = request["segmentOutputs"].get(0) {
            let prefix = seg["filenamePrefix"].as_str().unwrap();
            let playlist = seg["playlistName"].as_str().unwrap();
            let names: Vec<String> = (0..3).map(|i| format!("{prefix}_{i:05}.ts")).collect();
            let mut text = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n#EXT-X-PLAYLIST-TYPE:VOD\n".to_string();
            for n in &names {
                text += &format!("#EXTINF:6.000,\n{}\n", n.rsplit('/').next().unwrap());
            }
            text += "#EXT-X-ENDLIST\n";
            let segment = vec![0x47u8; 188 * 40];
            let s3 = &seg["s3"];
            match upload {
                Upload::Full | Upload::PlaylistOnly => {
                    if upload == Upload::Full {
                        for n in &names {
                            super::s3::put(s3, n, segment.clone()).await;
                        }
                    }
                    super::s3::put(s3, playlist, text.clone().into_bytes()).await;
                }
                Upload::Empty => super::s3::put(s3, playlist, Vec::new()).await,
                Upload::Nothing => {}
            }
            segment_results.push(json!({
                "playlist_name": playlist, "live_playlist_name": seg["livePlaylistName"],
                "duration": "18000000000", "size": (segment.len() * 3).to_string(),
                "playlist_location": format!("https://{}.s3.amazonaws.com/{playlist}", s3["bucket"].as_str().unwrap_or("")),
                "live_playlist_location": "", "segment_count": "3", "started_at": "0", "ended_at": "0"
            }));
        }
        let file = request["fileOutputs"].get(0).or(request.get("file")).filter(|f| f["filepath"].is_string());
        if let Some(f) = file {
            let path = f["filepath"].as_str().unwrap();
            // An MP4 begins with its `ftyp` box.
            let mut mp4 = b"\0\0\0\x20ftypisom\0\0\x02\0isomiso2avc1mp41".to_vec();
            mp4.resize(4096, 0);
            match upload {
                Upload::Full | Upload::PlaylistOnly => super::s3::put(&f["s3"], path, mp4.clone()).await,
                Upload::Empty => super::s3::put(&f["s3"], path, Vec::new()).await,
                Upload::Nothing => {}
            }
            file_results.push(json!({
                "filename": path, "started_at": "0", "ended_at": "0", "duration": "18000000000",
                "size": mp4.len().to_string(), "location": format!("https://bucket/{path}")
            }));
        }
        let image_results: Vec<Value> = request["imageOutputs"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|i| json!({"filename_prefix": i["filenamePrefix"], "image_count": "3", "started_at": "0", "ended_at": "0"}))
            .collect();
        let mut st = self.state.lock().unwrap();
        let info = st.egress.get_mut(id).expect("known egress");
        info["image_results"] = json!(image_results);
        info["status"] = json!("EGRESS_COMPLETE");
        info["ended_at"] = json!(now_ns().to_string());
        info["updated_at"] = json!(now_ns().to_string());
        info["segment_results"] = json!(segment_results);
        info["file_results"] = json!(file_results);
        info.clone()
    }

    /// Sets an ingress's state as LiveKit would report it.
    pub fn set_ingress_status(&self, id: &str, status: &str) {
        let mut st = self.state.lock().unwrap();
        st.ingress.get_mut(id).expect("known ingress")["state"]["status"] = json!(status);
    }

    /// An ingress's stored info.
    pub fn ingress(&self, id: &str) -> Option<Value> {
        self.state.lock().unwrap().ingress.get(id).cloned()
    }
}

#[allow(clippy::too_many_arguments)]
fn handle(
    state: &Mutex<State>,
    key: &str,
    secret: &str,
    service: &str,
    method: &str,
    auth: Option<String>,
    ct: Option<String>,
    body: &[u8],
) -> Response<String> {
    // The auth middleware answers in plain text (livekit pkg/service/auth.go).
    let Some(token) = auth.as_deref().and_then(|a| a.strip_prefix("Bearer ")) else {
        return plain_401("invalid authorization header. Must start with Bearer ");
    };
    let mut validation = pulse::jwt::hs256();
    validation.set_issuer(&[key]);
    validation.set_required_spec_claims(&["exp", "iss"]);
    validation.leeway = 60;
    let claims = match pulse::jwt::decode::<Value>(token, secret.as_bytes(), &validation) {
        Ok(c) => c,
        Err(e) => return plain_401(&format!("invalid authorization token: {e}")),
    };
    let content_type = ct.unwrap_or_default();
    let body: Value = if content_type.split(';').next().unwrap_or("").trim() == "application/json" {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return twirp(400, "malformed", &format!("the json request could not be decoded: {e}")),
        }
    } else {
        return twirp(404, "bad_route", &format!("unexpected Content-Type: {content_type:?}"));
    };
    if let Err(unknown) = conformance(method, &body) {
        return twirp(400, "malformed", &format!("not in LiveKit's protocol: {unknown}"));
    }
    let mut st = state.lock().unwrap();
    st.requests.push(Recorded { method: method.into(), body: body.clone(), claims: claims.clone(), content_type });
    // Grants per service (livekit pkg/service Ensure*Permission).
    let grant = match (service, method) {
        ("livekit.Egress", _) => "roomRecord",
        ("livekit.Ingress", _) => "ingressAdmin",
        ("livekit.RoomService", "ListRooms") => "roomList",
        // EnsureAdminPermission(ctx, room): roomAdmin for exactly that room.
        ("livekit.RoomService", _) => {
            if claims["video"]["room"] != body["room"] {
                return twirp(401, "unauthenticated", "permissions denied");
            }
            "roomAdmin"
        }
        _ => return twirp(404, "bad_route", &format!("no handler for path /twirp/{service}/{method}")),
    };
    if claims["video"][grant] != json!(true) {
        return twirp(401, "unauthenticated", "permissions denied");
    }
    if !reconciler_read(method)
        && let Some((status, code, msg)) = st.next_error.take()
    {
        return twirp(status, &code, &msg);
    }
    if method.starts_with("Start") && method.ends_with("Egress") && st.start_failures > 0 {
        st.start_failures -= 1;
        let (status, code, msg) = st.start_error.clone().unwrap();
        return twirp(status, &code, &msg);
    }
    // Numbers what a call creates (egress, ingress), in order: `EG_fake0001` is the first start.
    if method.starts_with("Start") || method == "CreateIngress" {
        st.counter += 1;
    }
    let n = st.counter;
    let room = body["roomName"].as_str().unwrap_or("").to_string();
    match method {
        "StartRoomCompositeEgress" | "StartTrackCompositeEgress" | "StartTrackEgress" => {
            if room.is_empty() {
                return twirp(400, "invalid_argument", "room name is required");
            }
            if room.ends_with("__no-such-room") {
                return twirp(404, "not_found", "requested room does not exist");
            }
            for list in ["fileOutputs", "streamOutputs", "segmentOutputs", "imageOutputs"] {
                if body[list].as_array().is_some_and(|a| a.len() > 1) {
                    return twirp(400, "invalid_argument", "multiple file outputs");
                }
            }
            let request_key = match method {
                "StartRoomCompositeEgress" => "room_composite",
                "StartTrackCompositeEgress" => "track_composite",
                _ => "track",
            };
            let id = format!("EG_fake{n:04}");
            let info = egress_info(&id, &room, request_key, &body);
            st.originals.insert(id.clone(), body.clone());
            st.egress.insert(id, info.clone());
            if std::mem::take(&mut st.lose_answer) {
                return twirp(503, "unavailable", "the answer was lost");
            }
            ok(info)
        }
        "StopEgress" => {
            let id = body["egressId"].as_str().unwrap_or("");
            let Some(info) = st.egress.get_mut(id) else {
                return twirp(404, "not_found", "egress does not exist");
            };
            let status = info["status"].as_str().unwrap_or("").to_string();
            if !matches!(status.as_str(), "EGRESS_STARTING" | "EGRESS_ACTIVE") {
                return twirp(412, "failed_precondition", &format!("egress with status {status} cannot be stopped"));
            }
            info["status"] = json!("EGRESS_ENDING");
            info["updated_at"] = json!(now_ns().to_string());
            ok(info.clone())
        }
        "UpdateStream" => {
            let id = body["egressId"].as_str().unwrap_or("").to_string();
            let Some(info) = st.egress.get(&id).cloned() else {
                return twirp(404, "not_found", "egress does not exist");
            };
            let status = info["status"].as_str().unwrap_or("").to_string();
            if !matches!(status.as_str(), "EGRESS_STARTING" | "EGRESS_ACTIVE") {
                return twirp(412, "failed_precondition", &format!("egress with status {status} cannot be updated"));
            }
            let original = st.originals.get_mut(&id).unwrap();
            let Some(urls) = original["streamOutputs"][0]["urls"].as_array_mut() else {
                return twirp(400, "invalid_argument", "egress does not have a stream output");
            };
            for r in body["removeOutputUrls"].as_array().into_iter().flatten() {
                let Some(i) = urls.iter().position(|u| u == r) else {
                    return twirp(400, "invalid_argument", "stream url not found");
                };
                urls.remove(i);
            }
            urls.extend(body["addOutputUrls"].as_array().into_iter().flatten().cloned());
            ok(info)
        }
        "ListEgress" => {
            let progress = st.progress.unwrap_or(Progress::Normal);
            let wanted = body["egressId"].as_str().map(str::to_string);
            let room = body["roomName"].as_str().map(str::to_string);
            let mut items = Vec::new();
            for (id, info) in st.egress.iter_mut() {
                if wanted.as_ref().is_some_and(|w| w != id) || room.as_ref().is_some_and(|r| info["room_name"] != *r) {
                    continue;
                }
                let status = info["status"].as_str().unwrap_or("").to_string();
                match (status.as_str(), progress) {
                    ("EGRESS_STARTING", Progress::Normal) => {
                        info["status"] = json!("EGRESS_ACTIVE");
                        info["started_at"] = json!(now_ns().to_string());
                    }
                    ("EGRESS_STARTING", Progress::Fail) => {
                        info["status"] = json!("EGRESS_FAILED");
                        info["error"] = json!("pipeline could not start: no tracks published");
                        info["ended_at"] = json!(now_ns().to_string());
                    }
                    ("EGRESS_ENDING", Progress::Normal) => {
                        info["status"] = json!("EGRESS_COMPLETE");
                        info["ended_at"] = json!(now_ns().to_string());
                    }
                    _ => {}
                }
                items.push(info.clone());
            }
            ok(json!({"items": items, "next_page_token": null}))
        }
        "CreateIngress" => {
            let input = body["inputType"].as_str().unwrap_or("RTMP_INPUT");
            let id = format!("IN_fake{n:04}");
            let (url, key) = match input {
                "RTMP_INPUT" => ("rtmp://ingress.fake/x".to_string(), format!("streamkey{n:04}abcd")),
                "WHIP_INPUT" => ("http://ingress.fake/w".to_string(), format!("whipkey{n:04}wxyz")),
                _ => (body["url"].as_str().unwrap_or("").to_string(), String::new()),
            };
            let info = json!({
                "ingress_id": id, "name": body["name"].as_str().unwrap_or(""), "stream_key": key, "url": url,
                "input_type": input, "bypass_transcoding": false, "room_name": room,
                "participant_identity": body["participantIdentity"], "participant_name": body["participantName"],
                "participant_metadata": "", "reusable": input != "URL_INPUT", "enabled": true,
                "state": {"status": "ENDPOINT_INACTIVE", "error": "", "room_id": "", "started_at": "0",
                          "ended_at": "0", "updated_at": "0", "resource_id": "", "tracks": []},
                "audio": null, "video": null
            });
            st.ingress.insert(id, info.clone());
            ok(info)
        }
        "ListIngress" => {
            let wanted = body["ingressId"].as_str();
            let items: Vec<Value> =
                st.ingress.iter().filter(|(id, _)| wanted.is_none_or(|w| w == *id)).map(|(_, v)| v.clone()).collect();
            ok(json!({"items": items, "next_page_token": null}))
        }
        "DeleteIngress" => {
            let id = body["ingressId"].as_str().unwrap_or("");
            match st.ingress.remove(id) {
                Some(info) => ok(info),
                None => twirp(404, "not_found", "ingress does not exist"),
            }
        }
        "ListRooms" => ok(json!({"rooms": st.rooms.clone()})),
        "ListParticipants" => {
            let room = body["room"].as_str().unwrap_or("");
            ok(json!({"participants": st.participants.get(room).cloned().unwrap_or_default()}))
        }
        "MutePublishedTrack" => ok(json!({"track": {"sid": body["trackSid"], "muted": true}})),
        _ => twirp(404, "bad_route", &format!("no handler for path /twirp/{service}/{method}")),
    }
}

/// Decodes `body` with LiveKit's generated type for `method` and encodes it again: a field
/// LiveKit's protocol does not have is dropped, so any non-default value that does not come
/// back is a misspelt or invented field.
fn conformance(method: &str, body: &Value) -> Result<(), String> {
    use livekit_protocol as lk;
    fn round<T: serde::de::DeserializeOwned + serde::Serialize>(v: &Value) -> Result<Value, String> {
        let t: T = serde_json::from_value(v.clone()).map_err(|e| format!("does not decode: {e}"))?;
        Ok(serde_json::to_value(t).unwrap())
    }
    let back = match method {
        "StartRoomCompositeEgress" => round::<lk::RoomCompositeEgressRequest>(body)?,
        "StartTrackCompositeEgress" => round::<lk::TrackCompositeEgressRequest>(body)?,
        "StartTrackEgress" => round::<lk::TrackEgressRequest>(body)?,
        "StopEgress" => round::<lk::StopEgressRequest>(body)?,
        "UpdateStream" => round::<lk::UpdateStreamRequest>(body)?,
        "ListEgress" => round::<lk::ListEgressRequest>(body)?,
        "CreateIngress" => round::<lk::CreateIngressRequest>(body)?,
        "ListIngress" => round::<lk::ListIngressRequest>(body)?,
        "DeleteIngress" => round::<lk::DeleteIngressRequest>(body)?,
        "ListRooms" => round::<lk::ListRoomsRequest>(body)?,
        "ListParticipants" => round::<lk::ListParticipantsRequest>(body)?,
        "MutePublishedTrack" => round::<lk::MuteRoomTrackRequest>(body)?,
        other => return Err(format!("no protocol type known for {other}")),
    };
    let mut lost = Vec::new();
    survives(body, &back, method, &mut lost);
    if lost.is_empty() { Ok(()) } else { Err(lost.join(", ")) }
}

/// Protobuf leaves defaults out; these enum names are value 0.
fn is_default(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => {
            s.is_empty()
                || ["RTMP_INPUT", "H264_720P_30", "DEFAULT_FILETYPE", "DEFAULT_PROTOCOL", "IMAGE_SUFFIX_INDEX"]
                    .contains(&s.as_str())
        }
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

fn survives(sent: &Value, back: &Value, path: &str, lost: &mut Vec<String>) {
    match (sent, back) {
        (Value::Object(s), _) => {
            for (k, v) in s {
                match back.get(k) {
                    Some(b) => survives(v, b, &format!("{path}.{k}"), lost),
                    None if is_default(v) => {}
                    None => lost.push(format!("{path}.{k}")),
                }
            }
        }
        (Value::Array(s), Value::Array(b)) if s.len() == b.len() => {
            for (i, (sv, bv)) in s.iter().zip(b).enumerate() {
                survives(sv, bv, &format!("{path}[{i}]"), lost);
            }
        }
        (s, b) if s == b => {}
        (s, b) => lost.push(format!("{path}: sent {s}, LiveKit reads {b}")),
    }
}

/// The reconciler's own reads of rooms and participants, made on its timer.
fn reconciler_read(method: &str) -> bool {
    matches!(method, "ListRooms" | "ListParticipants")
}
