//! Room join tokens: a project's clients join its namespaced room without ever holding
//! LiveKit credentials.

use std::time::{Duration, UNIX_EPOCH};

use super::validate::{livekit_room, required, room};
use super::{Core, CoreError, CoreResult};
use crate::api::{TokenRequest, TokenResponse};
use crate::livekit::token::JoinToken;
use crate::store::ProjectRecord;

const DEFAULT_TTL: u64 = 6 * 3600;
const MAX_TTL: u64 = 7 * 24 * 3600;

impl Core {
    /// A LiveKit join token for the project's room.
    pub fn room_token(&self, project: &ProjectRecord, req: TokenRequest) -> CoreResult<TokenResponse> {
        let room_name = required("room_name", req.room_name)?;
        room(&room_name)?;
        let identity = required("identity", req.identity)?;
        super::validate::text("identity", &identity, 256)?;
        if let Some(name) = &req.name {
            super::validate::text("name", name, 256)?;
        }
        let ttl = req.ttl_seconds.unwrap_or(DEFAULT_TTL);
        if !(60..=MAX_TTL).contains(&ttl) {
            return Err(CoreError::invalid(
                "ttl_seconds",
                format!("ttl_seconds must be from 60 to {MAX_TTL} (7 days)"),
            ));
        }
        let lk_room = livekit_room(&project.id, &room_name);
        let (key, secret) = self.livekit.credentials();
        let (token, exp) = JoinToken {
            room: &lk_room,
            identity: &identity,
            name: req.name.as_deref(),
            ttl_secs: ttl,
            can_publish: req.can_publish.unwrap_or(true),
            can_subscribe: req.can_subscribe.unwrap_or(true),
        }
        .sign(key, secret);
        // Clients connect over WebSocket; give them the URL they can use as is.
        let url = self.livekit.url();
        let livekit_url = url.replacen("https://", "wss://", 1).replacen("http://", "ws://", 1);
        Ok(TokenResponse {
            token,
            livekit_url,
            room_name,
            identity,
            expires_at: crate::util::rfc3339(UNIX_EPOCH + Duration::from_secs(exp)),
        })
    }
}
