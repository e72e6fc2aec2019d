//! The front page's "at a glance" panel: each line links to the
//! page it sums up.

use leptos::prelude::*;

use super::{use_locale, use_texts};
use crate::api::glance::GlanceView;
use crate::domain::glance::Attention;

#[component]
pub fn AtAGlance(glance: GlanceView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let title = match &glance.acting_for {
        Some(name) => (t.glance_title_for)(name),
        None => t.glance_title.to_string(),
    };
    let n = |count: i64| usize::try_from(count).unwrap_or(0);
    let new_entries = if glance.since_login { &t.glance_new_since_login } else { &t.glance_new_last_days };
    let viewings = if glance.since_login { &t.glance_viewings_since_login } else { &t.glance_viewings_last_days };
    let consents = glance
        .consents
        .iter()
        .map(|(sector, given)| {
            let sector = t.sector(*sector);
            (if *given { t.glance_consent_given } else { t.glance_consent_not_given })(sector)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let last_change = match glance.last_change {
        Some(at) => (t.glance_last_change)(&locale.local_date(at)),
        None => t.glance_no_declarations.to_string(),
    };
    view! {
        <section class="panel glance" aria-labelledby="glance-title">
            <h2 id="glance-title">{title}</h2>
            <ul class="glance-list">
                <li data-testid="glance-new-entries">
                    <a href="/records">{new_entries.of(n(glance.new_entries))}</a>
                    {(!glance.newest.is_empty())
                        .then(|| {
                            view! {
                                <p class="muted">{t.glance_newest_label}</p>
                                <ul>
                                    {glance
                                        .newest
                                        .into_iter()
                                        .map(|e| {
                                            view! {
                                                <li>
                                                    <a href=format!(
                                                        "/records/events/{}",
                                                        e.event,
                                                    )>{format!("{}: {}", t.entry_kind(e.kind), e.title)}</a>
                                                    " "
                                                    <span class="muted">{locale.date(e.recorded_on)}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                        })}
                </li>
                <li data-testid="glance-prescriptions">
                    {if glance.prescriptions.is_empty() {
                        view! { <a href="/prescriptions">{t.glance_rx_none}</a> }.into_any()
                    } else {
                        view! {
                            <a href="/prescriptions">{t.glance_rx_attention.of(glance.prescriptions.len())}</a>
                            <ul>
                                {glance
                                    .prescriptions
                                    .into_iter()
                                    .map(|p| {
                                        let line = match p.attention {
                                            Attention::EndsOn(day) => {
                                                (t.glance_rx_ends_on)(&locale.date(day), &p.medicine)
                                            }
                                            Attention::NothingLeft => (t.glance_rx_nothing_left)(&p.medicine),
                                        };
                                        view! { <li>{line}</li> }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                </li>
                <li data-testid="glance-data-use">
                    <a href="/data-use">
                        {(t.glance_consents)(&consents)}" " {t.glance_denials.of(glance.valid_denials)}" " {last_change}
                    </a>
                </li>
                {glance
                    .viewings
                    .map(|count| {
                        view! {
                            <li data-testid="glance-viewings">
                                <a href="/data-use/viewings">{viewings.of(n(count))}</a>
                            </li>
                        }
                    })}
            </ul>
        </section>
    }
}
