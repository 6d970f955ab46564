//! Where the demo's flows are loaded from.
//!
//! # Configuration
//!
//! **The flow simulator (default).** Both flows load from the bundled flow
//! simulator, `http://127.0.0.1:8787` unless the demo was built with the
//! environment variable `PERSONA_DEMO_SIMULATOR` set to another origin (read at
//! compile time with `option_env!`):
//!
//! ```sh
//! cargo run -p persona-flow-simulator -- --port 8787   # in one terminal
//! trunk serve                                         # in another (Trunk.toml at the repository root)
//! PERSONA_DEMO_SIMULATOR=http://127.0.0.1:9000 trunk serve   # a simulator on another port
//! ```
//!
//! The page's scenario picker then sets the template id `itmpl_sim_<scenario>`, and
//! its "autoplay" box sets `environment_id="env_sim_autoplay"` (the simulator then
//! plays the flow by itself).
//!
//! **A real Persona environment.** Query parameters replace the simulator:
//!
//! ```text
//! ?host=production&template=itmpl_…&environment=env_…
//! ?host=staging&template=itmpl_…
//! ?host=verify.example.com&template=itmpl_…      (a custom domain)
//! ?template=itmpl_…&environment=env_…            (no host: production, as in the SDK)
//! ```
//!
//! `host` is parsed with [`Host::from_str`](leptos_persona::Host): `production`,
//! `staging`, `canary`, `development`, a custom `host[:port]` or a full origin.
//! The flow gets the camera, the microphone and the person's documents, so the
//! page does not load it from just any host a link names: Persona's named hosts
//! and loopback origins load at once; any other (custom) domain first shows
//! what it is and waits until the person confirms it, and a banner then names
//! it (see [`FlowSource::needs_confirmation`]). A value `Host::from_str`
//! refuses (`sandbox` is an environment, not a host; `http://` for a
//! non-loopback host; a path, user info, …) is shown in a banner with the crate's
//! [`ConfigError`] text, and no flow is started. With any of the three parameters
//! present, the scenario picker and the autoplay box are hidden and the flows use
//! the given template and environment as they are (an absent template is the
//! component's own `MissingFlowTarget` error, shown where the flow would be).
//! Empty parameters (`?environment=`) count as absent.

use std::fmt;
use std::str::FromStr;

use leptos_persona::{ConfigError, Host};

/// The simulator's origin when `PERSONA_DEMO_SIMULATOR` is not set at build time.
pub const DEFAULT_SIMULATOR: &str = "http://127.0.0.1:8787";

/// The simulator this build talks to.
pub fn simulator_origin() -> &'static str {
    option_env!("PERSONA_DEMO_SIMULATOR").unwrap_or(DEFAULT_SIMULATOR)
}

/// Where the flows come from.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowSource {
    /// The flow simulator: the page picks the scenario and autoplay.
    Simulator {
        /// The simulator's origin, parsed.
        host: Host,
    },
    /// A real Persona deployment, from the URL's query parameters.
    Persona {
        /// `?host=` (production when absent).
        host: Host,
        /// `?template=`.
        template: Option<String>,
        /// `?environment=`.
        environment: Option<String>,
    },
}

impl FlowSource {
    /// The host both flows load from.
    pub fn host(&self) -> &Host {
        match self {
            Self::Simulator { host } | Self::Persona { host, .. } => host,
        }
    }

    /// `true` for the flow simulator.
    pub fn is_simulator(&self) -> bool {
        matches!(self, Self::Simulator { .. })
    }

    /// Whether the person must confirm the host before any flow (or preload)
    /// loads from it: a custom domain from the URL. Persona's named hosts,
    /// loopback origins and the simulator this build names load at once.
    pub fn needs_confirmation(&self) -> bool {
        match self {
            Self::Simulator { .. } => false,
            Self::Persona { host, .. } => !is_known_host(host),
        }
    }
}

/// Persona's named hosts (production, staging, canary, development) and
/// loopback origins (`localhost`, `127.0.0.1`, `[::1]`, any port).
pub fn is_known_host(host: &Host) -> bool {
    match host {
        Host::Production | Host::Staging | Host::Canary | Host::Development => true,
        Host::Custom(_) => is_loopback_origin(host.origin()),
    }
}

/// `scheme://host[:port]` whose host is `localhost`, `127.0.0.1` or `[::1]`.
fn is_loopback_origin(origin: &str) -> bool {
    let authority = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    let hostname = match authority.strip_prefix('[') {
        Some(v6) => v6.split_once(']').map_or(v6, |(address, _)| address),
        None => authority.split(':').next().unwrap_or(authority),
    };
    hostname.eq_ignore_ascii_case("localhost") || hostname == "127.0.0.1" || hostname == "::1"
}

/// A configuration the demo cannot start a flow with.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigProblem {
    /// Where the bad value came from (`?host=…` or `PERSONA_DEMO_SIMULATOR`).
    pub source: String,
    /// The crate's explanation.
    pub error: ConfigError,
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.error)
    }
}

/// The demo's configuration: where the flows come from, or why they cannot start.
pub type DemoConfig = Result<FlowSource, ConfigProblem>;

/// Reads the configuration from query parameters (`param(name)` returns a
/// parameter's decoded value) and the simulator's origin.
pub fn from_query(param: impl Fn(&str) -> Option<String>, simulator: &str) -> DemoConfig {
    let given = |name: &str| param(name).filter(|value| !value.is_empty());
    let host = param("host");
    let template = given("template");
    let environment = given("environment");
    if host.is_none() && template.is_none() && environment.is_none() {
        return Host::from_str(simulator)
            .map(|host| FlowSource::Simulator { host })
            .map_err(|error| ConfigProblem {
                source: "PERSONA_DEMO_SIMULATOR".into(),
                error,
            });
    }
    let host = match host {
        // An empty `?host=` is passed on too: the crate explains why it is refused.
        Some(text) => Host::from_str(&text).map_err(|error| ConfigProblem {
            source: format!("?host={text}"),
            error,
        })?,
        None => Host::Production,
    };
    Ok(FlowSource::Persona {
        host,
        template,
        environment,
    })
}

/// Reads the configuration from this page's URL.
pub fn from_location() -> DemoConfig {
    let search = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    from_query(
        |name| params.as_ref().and_then(|p| p.get(name)),
        simulator_origin(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn no_parameters_use_the_simulator() {
        let config = from_query(query(&[]), DEFAULT_SIMULATOR).unwrap();
        assert!(config.is_simulator());
        assert_eq!(config.host().base_url(), "http://127.0.0.1:8787");
    }

    #[test]
    fn a_bad_simulator_origin_is_reported() {
        let problem = from_query(query(&[]), "http://example.com:8787").unwrap_err();
        assert_eq!(problem.source, "PERSONA_DEMO_SIMULATOR");
        assert!(matches!(problem.error, ConfigError::InvalidHost { .. }));
    }

    #[test]
    fn query_parameters_select_a_real_environment() {
        let config = from_query(
            query(&[
                ("host", "staging"),
                ("template", "itmpl_ABC"),
                ("environment", "env_1"),
            ]),
            DEFAULT_SIMULATOR,
        )
        .unwrap();
        assert_eq!(
            config,
            FlowSource::Persona {
                host: Host::Staging,
                template: Some("itmpl_ABC".into()),
                environment: Some("env_1".into()),
            }
        );
    }

    #[test]
    fn a_template_alone_means_production() {
        let config = from_query(query(&[("template", "itmpl_ABC")]), DEFAULT_SIMULATOR).unwrap();
        assert_eq!(config.host(), &Host::Production);
        assert!(!config.is_simulator());
    }

    #[test]
    fn a_custom_host_is_accepted_and_a_bad_one_explained() {
        let config = from_query(query(&[("host", "verify.example.com")]), DEFAULT_SIMULATOR);
        assert_eq!(
            config.unwrap().host().base_url(),
            "https://verify.example.com"
        );
        let problem = from_query(query(&[("host", "sandbox")]), DEFAULT_SIMULATOR).unwrap_err();
        assert_eq!(problem.source, "?host=sandbox");
        assert!(problem
            .to_string()
            .contains("is an environment, not a host"));
        assert!(from_query(query(&[("host", "")]), DEFAULT_SIMULATOR).is_err());
    }

    #[test]
    fn only_a_custom_domain_needs_confirmation() {
        let needs = |host: &str| {
            from_query(query(&[("host", host)]), DEFAULT_SIMULATOR)
                .unwrap()
                .needs_confirmation()
        };
        for known in [
            "production",
            "staging",
            "canary",
            "development",
            "http://127.0.0.1:9000",
            "localhost:8787",
            "http://LOCALHOST:3000",
            "http://[::1]:8787",
            "https://127.0.0.1",
        ] {
            assert!(!needs(known), "{known}");
        }
        for custom in [
            "verify.example.com",
            "https://verify.example.com:8443",
            "127.0.0.1.example.com",
            "https://localhost.example.com",
            "withpersona.com",
        ] {
            assert!(needs(custom), "{custom}");
        }
        let template_only = from_query(query(&[("template", "itmpl_ABC")]), DEFAULT_SIMULATOR);
        assert!(!template_only.unwrap().needs_confirmation());
        assert!(!from_query(query(&[]), DEFAULT_SIMULATOR)
            .unwrap()
            .needs_confirmation());
    }

    #[test]
    fn empty_template_and_environment_count_as_absent() {
        let config = from_query(
            query(&[
                ("host", "production"),
                ("template", ""),
                ("environment", ""),
            ]),
            DEFAULT_SIMULATOR,
        )
        .unwrap();
        assert_eq!(
            config,
            FlowSource::Persona {
                host: Host::Production,
                template: None,
                environment: None,
            }
        );
    }
}
