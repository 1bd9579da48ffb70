//! `pulse ingress create|get|list|delete`.

use clap::{Args, Subcommand};

use super::{Ctx, each_id, page_footer, query};
use crate::api::{CreateIngress, Ingress, Page};
use crate::client::Auth;
use crate::error::CliError;
use crate::output::Tabular;
use crate::util::encode_path_segment;

/// Ingress commands.
#[derive(Debug, Subcommand)]
pub enum IngressCmd {
    /// Create an ingress; the stream key is shown this once
    Create(CreateArgs),
    /// Show one ingress (key masked)
    Get {
        /// Ingress id (in_… or LiveKit's IN_…)
        id: String,
    },
    /// List ingress, newest first
    List {
        /// Only this room
        #[arg(long)]
        room: Option<String>,
        /// Include deleted ingress
        #[arg(long)]
        include_deleted: bool,
        #[command(flatten)]
        pages: super::PageArgs,
    },
    /// Delete one or more ingress (the records are kept as `deleted`)
    Delete {
        /// Ingress ids
        #[arg(required = true)]
        ids: Vec<String>,
    },
}

/// `pulse ingress create`.
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Room to publish into
    #[arg(long)]
    room: String,
    /// rtmp, whip or url (pull)
    #[arg(long = "type", value_name = "TYPE", value_parser = ["rtmp", "whip", "url"])]
    ingress_type: String,
    /// Participant name the stream appears as
    #[arg(long)]
    participant: String,
    /// Participant identity (default: the name)
    #[arg(long)]
    identity: Option<String>,
    /// URL to pull from (--type url): http(s):// or srt://. Here --url is this, not the
    /// control plane's URL: give that with PULSE_URL or a context
    #[arg(long)]
    url: Option<String>,
    /// A name for the ingress
    #[arg(long)]
    name: Option<String>,
    /// Mute the stream's audio in the room
    #[arg(long)]
    no_audio: bool,
    /// Mute the stream's video in the room
    #[arg(long)]
    no_video: bool,
}

impl Tabular for Ingress {
    const HEADERS: &'static [&'static str] = &["INGRESS ID", "TYPE", "STATUS", "ROOM", "PARTICIPANT", "CREATED"];
    fn id(&self) -> &str {
        &self.ingress_id
    }
    fn row(&self) -> Vec<String> {
        vec![
            self.ingress_id.clone(),
            self.ingress_type.clone(),
            self.status.clone(),
            self.room_name.clone(),
            self.participant_name.clone(),
            self.created_at.clone(),
        ]
    }
}

/// Runs an ingress command.
pub async fn run(ctx: &Ctx, cmd: IngressCmd) -> Result<(), CliError> {
    let client = ctx.client()?;
    match cmd {
        IngressCmd::Create(a) => {
            let req = CreateIngress {
                room_name: Some(a.room),
                participant_name: Some(a.participant),
                participant_identity: a.identity,
                ingress_type: Some(a.ingress_type),
                url: a.url,
                name: a.name,
                audio_enabled: a.no_audio.then_some(false),
                video_enabled: a.no_video.then_some(false),
            };
            let i: Ingress = client.post("/v1/media/ingress/create", &req, Auth::Project).await?;
            ctx.out.status(&format!("Created ingress {}; the stream key is shown only now", i.ingress_id));
            ctx.out.one(&i, &i.ingress_id)
        }
        IngressCmd::Get { id } => {
            let i: Ingress =
                client.get(&format!("/v1/media/ingress/{}", encode_path_segment(&id)), Auth::Project).await?;
            ctx.out.one(&i, &i.ingress_id)
        }
        IngressCmd::List { room, include_deleted, pages } => {
            let [page, limit] = pages.pairs();
            let q = query(&[
                page,
                limit,
                ("room_name", room),
                ("include_deleted", include_deleted.then(|| "true".to_string())),
            ]);
            let page: Page<Ingress> = client.get(&format!("/v1/media/ingress{q}"), Auth::Project).await?;
            ctx.out.list(&page.data, page_footer(&page.pagination))
        }
        IngressCmd::Delete { ids } => {
            each_id(ids, |id| {
                let client = &client;
                async move {
                    let i: Ingress = client
                        .delete(&format!("/v1/media/ingress/{}", encode_path_segment(&id)), Auth::Project)
                        .await?;
                    ctx.out.status(&format!("Deleted ingress {}", i.ingress_id));
                    ctx.out.one(&i, &i.ingress_id)
                }
            })
            .await
        }
    }
}
