//! `pulse token create`: a LiveKit join token for one of the project's rooms.

use std::time::Duration;

use clap::Subcommand;

use super::Ctx;
use crate::api::{TokenRequest, TokenResponse};
use crate::client::Auth;
use crate::error::CliError;

/// Token commands.
#[derive(Debug, Subcommand)]
pub enum TokenCmd {
    /// Create a join token (with -q, only the token is printed)
    Create {
        /// Room
        #[arg(long)]
        room: String,
        /// Participant identity
        #[arg(long)]
        identity: String,
        /// Display name
        #[arg(long)]
        name: Option<String>,
        /// Validity
        #[arg(long, default_value = "6h", value_parser = crate::util::parse_duration)]
        ttl: Duration,
        /// Join without publishing
        #[arg(long)]
        no_publish: bool,
        /// Join without subscribing
        #[arg(long)]
        no_subscribe: bool,
    },
}

/// Runs a token command.
pub async fn run(ctx: &Ctx, cmd: TokenCmd) -> Result<(), CliError> {
    let client = ctx.client()?;
    let TokenCmd::Create { room, identity, name, ttl, no_publish, no_subscribe } = cmd;
    let req = TokenRequest {
        room_name: Some(room),
        identity: Some(identity),
        name,
        ttl_seconds: Some(ttl.as_secs()),
        can_publish: Some(!no_publish),
        can_subscribe: Some(!no_subscribe),
    };
    let t: TokenResponse = client.post("/v1/rooms/token", &req, Auth::Project).await?;
    ctx.out.one(&t, &t.token)
}
