//! `pulse status`: is the control plane up, and can it reach LiveKit?

use super::Ctx;
use crate::api::Status;
use crate::client::Auth;
use crate::error::CliError;

/// Runs `pulse status`. A daemon that cannot reach LiveKit is reported, not an error: the
/// answer says so and the exit code stays 0, so scripts read `livekit.reachable`.
pub async fn run(ctx: &Ctx) -> Result<(), CliError> {
    let client = ctx.client()?;
    let s: Status = client.get("/v1/status", Auth::Any).await?;
    if !s.livekit.reachable {
        ctx.out.status(&format!("LiveKit at {} is not reachable", s.livekit.url));
    }
    ctx.out.one(&s, &s.version)
}
