//! `pulse context add|list|use|remove|show`.

use clap::Subcommand;
use serde::Serialize;

use super::Ctx;
use crate::contexts::{Context, Contexts};
use crate::error::CliError;
use crate::output::Tabular;
use crate::util::mask_tail;

/// Context commands.
#[derive(Debug, Subcommand)]
pub enum ContextCmd {
    /// Save a control plane and key under a name
    Add {
        /// Context name
        name: String,
        /// Control plane URL
        #[arg(long)]
        url: String,
        /// Project API key
        #[arg(long)]
        api_key: Option<String>,
        /// Admin token (for `pulse projects`)
        #[arg(long)]
        admin_token: Option<String>,
    },
    /// List saved contexts
    List,
    /// Make a context the current one
    Use {
        /// Context name
        name: String,
    },
    /// Forget a context
    Remove {
        /// Context name
        name: String,
    },
    /// Show what commands will use, and where each value comes from
    Show,
}

#[derive(Serialize)]
struct Row {
    name: String,
    current: bool,
    url: String,
    api_key: Option<String>,
}

impl Tabular for Row {
    const HEADERS: &'static [&'static str] = &["CURRENT", "NAME", "URL", "API KEY"];
    fn id(&self) -> &str {
        &self.name
    }
    fn row(&self) -> Vec<String> {
        vec![
            if self.current { "*".into() } else { String::new() },
            self.name.clone(),
            self.url.clone(),
            self.api_key.clone().unwrap_or_else(|| "-".into()),
        ]
    }
}

#[derive(Serialize)]
struct Shown {
    context: Option<String>,
    context_source: Option<String>,
    url: String,
    url_source: String,
    api_key: Option<String>,
    api_key_source: Option<String>,
    admin_token_source: Option<String>,
}

/// Runs a context command (no network).
pub fn run(ctx: &Ctx, cmd: ContextCmd) -> Result<(), CliError> {
    let mut contexts = Contexts::load()?;
    match cmd {
        ContextCmd::Add { name, url, api_key, admin_token } => {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(CliError::Usage(format!("--url must be http(s)://, not `{url}`")));
            }
            contexts.contexts.insert(name.clone(), Context { url, api_key, admin_token });
            if contexts.current.is_none() {
                contexts.current = Some(name.clone());
            }
            let path = contexts.save()?;
            ctx.out.status(&format!("Saved context {name} in {}", path.display()));
            Ok(())
        }
        ContextCmd::List => {
            let rows: Vec<Row> = contexts
                .contexts
                .iter()
                .map(|(name, c)| Row {
                    name: name.clone(),
                    current: contexts.current.as_deref() == Some(name),
                    url: c.url.clone(),
                    api_key: c.api_key.as_deref().map(mask_tail),
                })
                .collect();
            ctx.out.list(&rows, None)
        }
        ContextCmd::Use { name } => {
            if !contexts.contexts.contains_key(&name) {
                return Err(CliError::Usage(format!("no context named `{name}`; see `pulse context list`")));
            }
            contexts.current = Some(name.clone());
            contexts.save()?;
            ctx.out.status(&format!("Using context {name}"));
            Ok(())
        }
        ContextCmd::Remove { name } => {
            if contexts.contexts.remove(&name).is_none() {
                return Err(CliError::Usage(format!("no context named `{name}`; see `pulse context list`")));
            }
            if contexts.current.as_deref() == Some(&name) {
                contexts.current = None;
            }
            contexts.save()?;
            ctx.out.status(&format!("Removed context {name}"));
            Ok(())
        }
        ContextCmd::Show => {
            let r = ctx.resolve()?;
            let shown = Shown {
                context: r.context.as_ref().map(|c| c.0.clone()),
                context_source: r.context.as_ref().map(|c| c.1.to_string()),
                url: r.url.0.clone(),
                url_source: r.url.1.to_string(),
                api_key: r.api_key.as_ref().map(|k| mask_tail(&k.0)),
                api_key_source: r.api_key.as_ref().map(|k| k.1.to_string()),
                admin_token_source: r.admin_token.as_ref().map(|t| t.1.to_string()),
            };
            ctx.out.one(&shown, &shown.url)
        }
    }
}
