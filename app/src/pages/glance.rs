//! The front page's two panels: what needs attention first, each with its
//! one action, then "at a glance", each line linking to the page it sums up.

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
    let consents =
        glance.consents.iter().map(|(sector, given)| (t.glance_consent)(*sector, *given)).collect::<Vec<_>>();
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
                                <p class="muted">
                                    {if glance.new_entries == 0 {
                                        t.glance_latest_label
                                    } else {
                                        t.glance_newest_label
                                    }}
                                </p>
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
                                                    )>
                                                        {match &e.lab {
                                                            Some((test, value, unit)) => {
                                                                format!(
                                                                    "{}: {} {}",
                                                                    t.lab_name(test),
                                                                    locale.number(*value),
                                                                    unit,
                                                                )
                                                            }
                                                            None => format!("{}: {}", t.entry_kind(e.kind), e.title),
                                                        }}
                                                    </a>
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
                <li data-testid="glance-data-use">
                    <a href="/data-use">
                        {consents.join(" ")}" " {t.glance_denials.of(glance.valid_denials)}" " {last_change}
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

/// What asks something of the citizen, first: prescriptions that end soon
/// or have run out, consents given before 2024 to update, renewal requests
/// declined or returned; each links to where it is done.
#[component]
pub fn NeedsAttention(glance: GlanceView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let nothing = glance.prescriptions.is_empty()
        && glance.to_update.is_empty()
        && glance.answered_requests.is_empty()
        && glance.acting_views.is_empty();
    view! {
        <section class="panel needs" aria-labelledby="needs-title" data-testid="needs-attention">
            <h2 id="needs-title">{t.needs_title}</h2>
            {nothing.then(|| view! { <p data-testid="needs-nothing">{t.needs_nothing}</p> })}
            <ul class="glance-list">
                {glance
                    .to_update
                    .into_iter()
                    .map(|sector| {
                        view! {
                            <li data-testid="needs-update">
                                <a href="/data-use#du-consents">{t.needs_update(sector)}</a>
                            </li>
                        }
                    })
                    .collect_view()}
                {glance
                    .answered_requests
                    .into_iter()
                    .map(|r| {
                        let state = (t.renewal_state)(r.state, &locale.local_date(r.at));
                        view! {
                            <li data-testid="needs-renewal">
                                <a href="/prescriptions/renewals">{format!("{}: {}", r.medicine, state)}</a>
                            </li>
                        }
                    })
                    .collect_view()}
                {glance
                    .acting_views
                    .into_iter()
                    .map(|(name, views)| {
                        let views = usize::try_from(views).unwrap_or(0);
                        view! {
                            <li data-testid="needs-acting-views">
                                <a href="/data-use/viewings#acting-viewings-title">
                                    {(t.needs_acting_views)(&name, views)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
                {(!glance.prescriptions.is_empty())
                    .then(|| {
                        let lines = glance
                            .prescriptions
                            .iter()
                            .map(|p| match p.attention {
                                Attention::EndsOn(day) => (t.glance_rx_ends_on)(&locale.date(day), &p.medicine),
                                Attention::NothingLeft => (t.glance_rx_nothing_left)(&p.medicine),
                            })
                            .map(|line| view! { <li>{line}</li> })
                            .collect_view();
                        view! {
                            <li data-testid="glance-prescriptions">
                                <a href="/prescriptions">{t.glance_rx_attention.of(glance.prescriptions.len())}</a>
                                <ul>{lines}</ul>
                            </li>
                        }
                    })}
            </ul>
        </section>
    }
}
