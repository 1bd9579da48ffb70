//! The LiveKit client: hand-written Twirp JSON over reqwest (reference/livekit.md §1, §7).
//! Each call mints a short-lived token with exactly the grant the RPC needs.

pub mod models;
pub mod token;

use std::time::{Duration, Instant};

use serde::{Serialize, de::DeserializeOwned};

use crate::config::LiveKitSettings;
use models::*;
use token::VideoGrant;

/// What went wrong talking to LiveKit. Every message says where LiveKit was and what it said.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LiveKitError {
    /// No HTTP answer at all: refused, DNS, TLS or timeout.
    #[error("LiveKit at {url} could not be reached: {reason}")]
    Unreachable { url: String, reason: String },
    /// LiveKit's auth middleware refused the token (plain-text 401): pulse's credentials are wrong.
    #[error("LiveKit at {url} refused pulse's credentials ({message}); check livekit.api_key and livekit.api_secret")]
    Unauthorized { url: String, message: String },
    /// A Twirp error answer.
    #[error("LiveKit answered {code}: {msg}")]
    Twirp { status: u16, code: String, msg: String },
    /// An answer that is neither a result nor a Twirp error.
    #[error("LiveKit at {url} sent an unreadable answer: {reason}")]
    BadResponse { url: String, reason: String },
}

impl LiveKitError {
    /// The Twirp code, when LiveKit answered with one.
    pub fn twirp_code(&self) -> Option<&str> {
        match self {
            LiveKitError::Twirp { code, .. } => Some(code),
            _ => None,
        }
    }
}

/// A configured connection to one LiveKit server.
#[derive(Clone)]
pub struct LiveKit {
    http: reqwest::Client,
    settings: LiveKitSettings,
}

/// How long one Twirp attempt may take; the SDKs use the same 10 s.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a request got no answer, in words: the root cause, and "timed out" said plainly.
fn reason(e: &reqwest::Error) -> String {
    if e.is_timeout() { format!("no answer within {} s", CALL_TIMEOUT.as_secs()) } else { crate::root_cause(e) }
}

fn record() -> VideoGrant {
    VideoGrant { room_record: true, ..Default::default() }
}

fn ingress_admin() -> VideoGrant {
    VideoGrant { ingress_admin: true, ..Default::default() }
}

impl LiveKit {
    /// A client for the configured server.
    pub fn new(settings: &LiveKitSettings) -> Self {
        LiveKit { http: crate::http_client(CALL_TIMEOUT), settings: settings.clone() }
    }

    /// The server's base URL (http(s)://).
    pub fn url(&self) -> &str {
        &self.settings.url
    }

    /// API key and secret, for signing join tokens.
    pub fn credentials(&self) -> (&str, &str) {
        (&self.settings.api_key, &self.settings.api_secret)
    }

    /// One Twirp call. Idempotent calls are tried a second time after a transport error or a
    /// 503; `Start*`/`CreateIngress` never are, since LiveKit mints their ids (§1.5).
    async fn call<Req: Serialize, Resp: DeserializeOwned>(
        &self,
        service: &str,
        method: &str,
        grant: VideoGrant,
        req: &Req,
        idempotent: bool,
    ) -> Result<Resp, LiveKitError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.call_once(service, method, grant.clone(), req).await {
                Err(e @ (LiveKitError::Unreachable { .. } | LiveKitError::Twirp { status: 503, .. }))
                    if idempotent && attempt < 2 =>
                {
                    tracing::debug!(%service, %method, error = %e, "retrying idempotent LiveKit call");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                other => return other,
            }
        }
    }

    async fn call_once<Req: Serialize, Resp: DeserializeOwned>(
        &self,
        service: &str,
        method: &str,
        grant: VideoGrant,
        req: &Req,
    ) -> Result<Resp, LiveKitError> {
        let url = format!("{}/twirp/livekit.{service}/{method}", self.settings.url);
        let token = token::service_token(&self.settings.api_key, &self.settings.api_secret, grant);
        let started = Instant::now();
        let resp = self
            .http
            .post(&url)
            .bearer_auth(token)
            .header("X-Twirp-Timeout-Ms", CALL_TIMEOUT.as_millis().to_string())
            .json(req)
            .send()
            .await
            .map_err(|e| LiveKitError::Unreachable { url: self.settings.url.clone(), reason: reason(&e) })?;
        let status = resp.status().as_u16();
        let is_json = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        let body = resp
            .bytes()
            .await
            .map_err(|e| LiveKitError::Unreachable { url: self.settings.url.clone(), reason: reason(&e) })?;
        tracing::debug!(%service, %method, status, ms = started.elapsed().as_millis() as u64, "LiveKit call");
        if (200..300).contains(&status) {
            return serde_json::from_slice(&body).map_err(|e| LiveKitError::BadResponse {
                url: self.settings.url.clone(),
                reason: format!("{service}/{method}: {e}"),
            });
        }
        if is_json && let Ok(err) = serde_json::from_slice::<serde_json::Value>(&body) {
            let code = err["code"].as_str().unwrap_or("unknown").to_string();
            let msg = err["msg"].as_str().unwrap_or("").to_string();
            return Err(LiveKitError::Twirp { status, code, msg });
        }
        let text = String::from_utf8_lossy(&body).trim().chars().take(300).collect::<String>();
        if status == 401 {
            return Err(LiveKitError::Unauthorized { url: self.settings.url.clone(), message: text });
        }
        Err(LiveKitError::BadResponse { url: self.settings.url.clone(), reason: format!("HTTP {status}: {text}") })
    }

    /// `Egress/StartRoomCompositeEgress`.
    pub async fn start_room_composite(&self, req: &RoomCompositeEgressRequest) -> Result<EgressInfo, LiveKitError> {
        self.call("Egress", "StartRoomCompositeEgress", record(), req, false).await
    }

    /// `Egress/StartTrackCompositeEgress`.
    pub async fn start_track_composite(&self, req: &TrackCompositeEgressRequest) -> Result<EgressInfo, LiveKitError> {
        self.call("Egress", "StartTrackCompositeEgress", record(), req, false).await
    }

    /// `Egress/StartTrackEgress`.
    pub async fn start_track(&self, req: &TrackEgressRequest) -> Result<EgressInfo, LiveKitError> {
        self.call("Egress", "StartTrackEgress", record(), req, false).await
    }

    /// `Egress/StopEgress`.
    pub async fn stop_egress(&self, egress_id: &str) -> Result<EgressInfo, LiveKitError> {
        self.call("Egress", "StopEgress", record(), &StopEgressRequest { egress_id: egress_id.into() }, true).await
    }

    /// `Egress/UpdateStream`: adds and removes RTMP targets of a live egress. Not retried: a
    /// second try after a lost answer could add a target twice.
    pub async fn update_stream(&self, req: &UpdateStreamRequest) -> Result<EgressInfo, LiveKitError> {
        self.call("Egress", "UpdateStream", record(), req, false).await
    }

    /// `Egress/ListEgress` for one egress; `None` when LiveKit no longer knows it (it forgets
    /// ended egress after 24 h).
    pub async fn get_egress(&self, egress_id: &str) -> Result<Option<EgressInfo>, LiveKitError> {
        let req = ListEgressRequest { egress_id: Some(egress_id.into()), ..Default::default() };
        let resp: ListEgressResponse = self.call("Egress", "ListEgress", record(), &req, true).await?;
        Ok(resp.items.into_iter().find(|i| i.egress_id == egress_id))
    }

    /// `Egress/ListEgress` for one room (LiveKit's name for it).
    pub async fn list_egress_in_room(&self, room: &str) -> Result<Vec<EgressInfo>, LiveKitError> {
        let req = ListEgressRequest { room_name: Some(room.into()), ..Default::default() };
        let resp: ListEgressResponse = self.call("Egress", "ListEgress", record(), &req, true).await?;
        Ok(resp.items)
    }

    /// `Ingress/CreateIngress`.
    pub async fn create_ingress(&self, req: &CreateIngressRequest) -> Result<IngressInfo, LiveKitError> {
        self.call("Ingress", "CreateIngress", ingress_admin(), req, false).await
    }

    /// `Ingress/ListIngress` for one ingress.
    pub async fn get_ingress(&self, ingress_id: &str) -> Result<Option<IngressInfo>, LiveKitError> {
        let req = ListIngressRequest { ingress_id: Some(ingress_id.into()), ..Default::default() };
        let resp: ListIngressResponse = self.call("Ingress", "ListIngress", ingress_admin(), &req, true).await?;
        Ok(resp.items.into_iter().find(|i| i.ingress_id == ingress_id))
    }

    /// `Ingress/DeleteIngress`.
    pub async fn delete_ingress(&self, ingress_id: &str) -> Result<IngressInfo, LiveKitError> {
        let req = DeleteIngressRequest { ingress_id: ingress_id.into() };
        self.call("Ingress", "DeleteIngress", ingress_admin(), &req, true).await
    }

    /// `RoomService/ListRooms`: the rooms open now (the reconciler's view of room starts).
    pub async fn list_rooms(&self) -> Result<Vec<RoomInfo>, LiveKitError> {
        let grant = VideoGrant { room_list: true, ..Default::default() };
        let resp: ListRoomsResponse = self.call("RoomService", "ListRooms", grant, &ListRoomsRequest {}, true).await?;
        Ok(resp.rooms)
    }

    /// `RoomService/ListParticipants`: who is in `room` (LiveKit's name) now.
    pub async fn list_participants(&self, room: &str) -> Result<Vec<Participant>, LiveKitError> {
        let grant = VideoGrant { room_admin: true, room: Some(room.into()), ..Default::default() };
        let req = ListParticipantsRequest { room: room.into() };
        let resp: ListParticipantsResponse = self.call("RoomService", "ListParticipants", grant, &req, true).await?;
        Ok(resp.participants)
    }

    /// `RoomService/ListRooms` as a probe: works on a bare `livekit-server --dev` (egress and
    /// ingress need Redis). Returns the round-trip time.
    pub async fn probe(&self) -> Result<Duration, LiveKitError> {
        let started = Instant::now();
        let grant = VideoGrant { room_list: true, ..Default::default() };
        let _: Ignored = self.call_once("RoomService", "ListRooms", grant, &ListRoomsRequest {}).await?;
        Ok(started.elapsed())
    }
}

impl LiveKit {
    /// `RoomService/MutePublishedTrack`: needs `roomAdmin` for exactly that room.
    pub async fn mute_published_track(&self, room: &str, identity: &str, track_sid: &str) -> Result<(), LiveKitError> {
        let grant = VideoGrant { room_admin: true, room: Some(room.into()), ..Default::default() };
        let req = MuteRoomTrackRequest {
            room: room.into(),
            identity: identity.into(),
            track_sid: track_sid.into(),
            muted: true,
        };
        let _: Ignored = self.call("RoomService", "MutePublishedTrack", grant, &req, true).await?;
        Ok(())
    }
}
