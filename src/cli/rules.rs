//! `pulse rules add|list|get|remove`: recording rules (which rooms to record, how, and when).

use clap::{Args, Subcommand};

use super::egress::EgressOptions;
use super::{Ctx, each_id, page_footer, query};
use crate::api::{Deleted, Page, Rule, RuleRequest};
use crate::client::Auth;
use crate::error::CliError;
use crate::output::Tabular;

/// Rule commands.
#[derive(Debug, Subcommand)]
pub enum RulesCmd {
    /// Start an egress in every matching room, once per room session
    Add(Box<AddArgs>),
    /// List the project's rules, newest first
    List(super::PageArgs),
    /// Show one rule
    Get {
        /// Rule id (rul_…)
        id: String,
    },
    /// Remove one or more rules (egress they started keep running until their rooms finish)
    Remove {
        #[arg(required = true)]
        ids: Vec<String>,
    },
}

/// `pulse rules add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Rooms to record: a glob on room names, e.g. "live-*"
    #[arg(long, visible_alias = "room", value_name = "GLOB", default_value = "*")]
    rooms: String,
    /// When to start: when the room starts, or when its first track is published
    #[arg(long = "on", value_name = "TRIGGER", default_value = "room_started", value_parser = ["room_started", "track_published"])]
    trigger: String,
    #[command(flatten)]
    opts: EgressOptions,
    /// Create it disabled
    #[arg(long)]
    disabled: bool,
}

impl Tabular for Rule {
    const HEADERS: &'static [&'static str] = &["RULE ID", "ROOMS", "TRIGGER", "OUTPUT", "ENABLED", "CREATED"];
    fn id(&self) -> &str {
        &self.rule_id
    }
    fn row(&self) -> Vec<String> {
        vec![
            self.rule_id.clone(),
            self.room_glob.clone(),
            self.trigger.clone(),
            self.egress.output_type.clone().unwrap_or_default(),
            self.enabled.to_string(),
            self.created_at.clone(),
        ]
    }
}

pub async fn run(ctx: &Ctx, cmd: RulesCmd) -> Result<(), CliError> {
    let client = ctx.client()?;
    let path = |id: &str| format!("/v1/media/rules/{}", crate::util::encode_path_segment(id));
    match cmd {
        RulesCmd::Add(a) => {
            let a = *a;
            let req = RuleRequest {
                room_glob: Some(a.rooms),
                trigger: Some(a.trigger),
                egress: Some(a.opts.request(None)),
                enabled: Some(!a.disabled),
            };
            let r: Rule = client.post("/v1/media/rules", &req, Auth::Project).await?;
            ctx.out.status(&format!("Added rule {}: {} rooms matching {}", r.rule_id, r.trigger, r.room_glob));
            ctx.out.one(&r, &r.rule_id)
        }
        RulesCmd::List(pages) => {
            let [page, limit] = pages.pairs();
            let page: Page<Rule> =
                client.get(&format!("/v1/media/rules{}", query(&[page, limit])), Auth::Project).await?;
            ctx.out.list(&page.data, page_footer(&page.pagination))
        }
        RulesCmd::Get { id } => {
            let r: Rule = client.get(&path(&id), Auth::Project).await?;
            ctx.out.one(&r, &r.rule_id)
        }
        RulesCmd::Remove { ids } => {
            each_id(ids, |id| {
                let (client, path) = (&client, path(&id));
                async move {
                    let d: Deleted = client.delete(&path, Auth::Project).await?;
                    ctx.out.status(&format!("Removed rule {}", d.id));
                    ctx.out.one(&d, &d.id)
                }
            })
            .await
        }
    }
}
