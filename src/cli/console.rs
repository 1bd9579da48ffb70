//! `pulse console link`: a link that opens the browser console on one project, signed and
//! expiring, that can look and replay but never see keys or secrets.

use std::time::Duration;

use clap::Subcommand;

use super::Ctx;
use crate::api::{ConsoleLink, ConsoleLinkRequest};
use crate::client::Auth;
use crate::error::CliError;

/// Console commands.
#[derive(Debug, Subcommand)]
pub enum ConsoleCmd {
    /// Print a link that opens the console on one project, for a teammate or a customer
    Link {
        /// How long the link works (60s to 7d)
        #[arg(long, default_value = "1h", value_parser = crate::util::parse_duration)]
        ttl: Duration,
        /// The project to open, when using the admin token (a project key opens its own)
        #[arg(long, value_name = "ID")]
        project: Option<String>,
        /// Let the console also add, edit and remove the project's endpoints and rotate their
        /// secrets (nothing else)
        #[arg(long)]
        manage: bool,
    },
}

/// Runs a console command.
pub async fn run(ctx: &Ctx, cmd: ConsoleCmd) -> Result<(), CliError> {
    let client = ctx.client()?;
    match cmd {
        ConsoleCmd::Link { ttl, project, manage } => {
            let req = ConsoleLinkRequest {
                ttl_seconds: Some(ttl.as_secs()),
                project_id: project,
                manage: manage.then_some(true),
            };
            let link: ConsoleLink = client.post("/v1/console/links", &req, Auth::Any).await?;
            let url = format!("{}{}", client.base().trim_end_matches('/'), link.path);
            let may = if link.manage {
                "read this project's deliveries, replay them, and add, change and remove its endpoints"
            } else {
                "read this project's deliveries and replay them"
            };
            ctx.out.status(&format!(
                "Console link for {} until {} (anyone holding it can {may})",
                link.project_id, link.expires_at
            ));
            if ctx.out.format == crate::output::Format::Json {
                ctx.out.json(
                    &serde_json::json!({"url": url, "project_id": link.project_id, "expires_at": link.expires_at, "manage": link.manage}),
                )
            } else {
                ctx.out.line(&url)
            }
        }
    }
}
