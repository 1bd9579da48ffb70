//! `pulse projects create|list|get|limits|rotate-key|delete` (admin token).

use clap::Subcommand;

use super::{Ctx, page_footer, query};
use crate::api::{CreateProject, CreatedProject, Deleted, Page, Project, ProjectLimitsRequest, RotatedKey};
use crate::client::Auth;
use crate::contexts::{Context, Contexts};
use crate::error::CliError;
use crate::output::Tabular;
use crate::util::encode_path_segment;

/// Project commands.
#[derive(Debug, Subcommand)]
pub enum ProjectsCmd {
    /// Create a project; its API key is shown this once
    Create {
        /// Project name
        name: String,
        /// Save a context named after the project with its URL and key
        #[arg(long)]
        save_context: bool,
        /// Also create a webhook endpoint for every event (its secret is shown once)
        #[arg(long, value_name = "URL")]
        webhook_url: Option<String>,
    },
    /// List projects
    List {
        #[command(flatten)]
        pages: super::PageArgs,
    },
    /// Show one project
    Get {
        /// Project id (prj_…)
        id: String,
    },
    /// Replace a project's API key; the old one stops working at once
    RotateKey {
        /// Project id
        id: String,
    },
    /// A project's limits: over a hard one egress starts and ingress creates are refused
    #[command(subcommand)]
    Limits(LimitsCmd),
    /// Delete a project and everything it owns
    Delete {
        /// Project id
        id: String,
        /// Also when egress is running (it is stopped, ingress deleted)
        #[arg(long)]
        force: bool,
    },
}

/// `pulse projects limits`.
#[derive(Debug, Subcommand)]
pub enum LimitsCmd {
    /// Set limits (the ones not named stay; 0 removes one)
    Set {
        /// Project id
        id: String,
        /// Egress minutes per UTC month, e.g. 6000/month
        #[arg(long, value_name = "N/month", value_parser = per_month)]
        egress_minutes: Option<u64>,
        /// Participant minutes per UTC month
        #[arg(long, value_name = "N/month", value_parser = per_month)]
        participant_minutes: Option<u64>,
        /// Egress running at once
        #[arg(long, value_name = "N")]
        concurrent_egress: Option<u32>,
        /// Only warn when a limit is reached
        #[arg(long, conflicts_with = "hard")]
        soft: bool,
        /// Refuse when a limit is reached (the default)
        #[arg(long)]
        hard: bool,
    },
}

/// `6000/month` or `6000` → 6000.
fn per_month(s: &str) -> Result<u64, String> {
    let n = s.strip_suffix("/month").unwrap_or(s);
    n.trim().parse().map_err(|_| format!("`{s}` is not a number of minutes per month, e.g. 6000/month"))
}

impl Tabular for Project {
    const HEADERS: &'static [&'static str] = &["PROJECT ID", "NAME", "API KEY", "CREATED"];
    fn id(&self) -> &str {
        &self.project_id
    }
    fn row(&self) -> Vec<String> {
        vec![self.project_id.clone(), self.name.clone(), self.api_key_prefix.clone(), self.created_at.clone()]
    }
}

/// A context name from a project name: kept to letters, digits, `-` and `_`.
fn context_name(project: &str) -> String {
    let n: String =
        project.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    n.trim_matches('-').to_lowercase()
}

/// Runs a projects command.
pub async fn run(ctx: &Ctx, cmd: ProjectsCmd) -> Result<(), CliError> {
    let client = ctx.client()?;
    match cmd {
        ProjectsCmd::Create { name, save_context, webhook_url } => {
            let req = CreateProject { name: Some(name), webhook_url, storage: None };
            let created: CreatedProject = client.post("/v1/projects", &req, Auth::Admin).await?;
            let p = &created.project;
            if save_context {
                let mut contexts = Contexts::load()?;
                let cname = context_name(&p.name);
                contexts.contexts.insert(
                    cname.clone(),
                    Context {
                        url: client.base().to_string(),
                        api_key: Some(created.api_key.clone()),
                        admin_token: None,
                    },
                );
                let made_current = contexts.current.is_none();
                if made_current {
                    contexts.current = Some(cname.clone());
                }
                let path = contexts.save()?;
                ctx.out.status(&format!(
                    "Saved context {cname} in {}{}",
                    path.display(),
                    if made_current {
                        " (now current)".to_string()
                    } else {
                        format!("; use it with `pulse context use {cname}`")
                    }
                ));
            }
            ctx.out.status(&format!("Created project {}; its API key is shown only now", p.project_id));
            ctx.out.one(&created, &p.project_id)
        }
        ProjectsCmd::List { pages } => {
            let q = query(&pages.pairs());
            let page: Page<Project> = client.get(&format!("/v1/projects{q}"), Auth::Admin).await?;
            ctx.out.list(&page.data, page_footer(&page.pagination))
        }
        ProjectsCmd::Get { id } => {
            let p: Project = client.get(&format!("/v1/projects/{}", encode_path_segment(&id)), Auth::Admin).await?;
            ctx.out.one(&p, &p.project_id)
        }
        ProjectsCmd::Limits(LimitsCmd::Set {
            id,
            egress_minutes,
            participant_minutes,
            concurrent_egress,
            soft,
            hard,
        }) => {
            let req = ProjectLimitsRequest {
                egress_minutes_per_month: egress_minutes,
                participant_minutes_per_month: participant_minutes,
                concurrent_egress,
                soft: (soft || hard).then_some(soft),
            };
            let path = format!("/v1/projects/{}/limits", encode_path_segment(&id));
            let p: Project = client.put(&path, &req, Auth::Admin).await?;
            ctx.out.status(&format!("Set the limits of {}", p.project_id));
            ctx.out.one(&p, &p.project_id)
        }
        ProjectsCmd::RotateKey { id } => {
            let path = format!("/v1/projects/{}/rotate-key", encode_path_segment(&id));
            let r: RotatedKey = client.post(&path, &serde_json::json!({}), Auth::Admin).await?;
            ctx.out.status(&format!("Rotated the key of {}; the old key no longer works", r.project_id));
            ctx.out.one(&r, &r.project_id)
        }
        ProjectsCmd::Delete { id, force } => {
            let q = if force { "?force=true" } else { "" };
            let d: Deleted =
                client.delete(&format!("/v1/projects/{}{q}", encode_path_segment(&id)), Auth::Admin).await?;
            ctx.out.status(&format!("Deleted project {}", d.id));
            ctx.out.one(&d, &d.id)
        }
    }
}
