//! The records pages: health data and social welfare data (one component,
//! two sections), and one service event. Filters are a plain GET form and
//! pages are plain links, so every state of the list is a bookmarkable URL
//! and works without JavaScript; with it, the router fetches only the data.

use crate::pages::PageTitle;
use leptos::prelude::*;

use super::subject::SubjectText;
use leptos_router::hooks::use_query_map;

use super::{choice_options, use_locale, use_texts, EmptyState, ErrorSummary, LoadError};
use crate::api::filters::RawFilter;
use crate::api::records::{records_page, Choice, EventView, RecordPageView};
use crate::domain::listing::{RecordSection, EVENTS_PER_PAGE};
use crate::domain::records::EntryKind;
use crate::error::AppError;

fn path_of(section: RecordSection) -> &'static str {
    match section {
        RecordSection::Health => "/records",
        RecordSection::SocialWelfare => "/social-welfare",
    }
}

#[component]
pub fn HealthDataPage() -> impl IntoView {
    view! { <RecordsPage section=RecordSection::Health /> }
}

#[component]
pub fn SocialWelfarePage() -> impl IntoView {
    view! { <RecordsPage section=RecordSection::SocialWelfare /> }
}

#[component]
fn RecordsPage(section: RecordSection) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let raw = Memo::new(move |_| {
        let q = query.get();
        RawFilter {
            register: q.get("register"),
            provider: q.get("provider"),
            kind: q.get("kind"),
            from: q.get("from"),
            to: q.get("to"),
            after: q.get("after"),
            before: q.get("before"),
        }
    });
    // How many events came before this page (kept in the URL only for the
    // "showing n–m" line; the cursor alone decides what is shown).
    let shown_before = Memo::new(move |_| {
        query.get().get("n").and_then(|n| n.parse::<usize>().ok()).filter(|n| *n <= 1_000_000).unwrap_or(0)
    });
    let page = Resource::new(move || (raw.get(), locale), move |(raw, locale)| records_page(section, raw, locale));
    let (title, intro, intro_of) = match section {
        RecordSection::Health => (t.records_health_title, t.records_health_intro, t.records_health_intro_of),
        RecordSection::SocialWelfare => (t.records_social_title, t.records_social_intro, t.records_social_intro_of),
    };
    let laboratory = (section == RecordSection::Health).then(|| {
        view! {
            <ul class="link-list">
                <li>
                    <a href="/patient-summary">{t.summary.link}</a>
                </li>
                <li>
                    <a href="/laboratory">{t.lab_title}</a>
                </li>
            </ul>
        }
    });
    view! {
        <PageTitle title=title />
        <h1>{title}</h1>
        <p class="lead">
            <SubjectText own=intro other=intro_of />
        </p>
        {laboratory}
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                let raw = raw.get_untracked();
                match page.await {
                    Ok(p) => {
                        view! { <RecordList section raw page=p shown_before=shown_before.get_untracked() /> }.into_any()
                    }
                    Err(e @ AppError::BadFilter(_)) => {
                        view! {
                            <ErrorSummary error=e />
                            <FilterForm section raw registers=vec![] providers=vec![] />
                            <p>
                                <a href=path_of(section)>{t.first_page}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <LoadError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RecordList(section: RecordSection, raw: RawFilter, page: RecordPageView, shown_before: usize) -> impl IntoView {
    let t = use_texts();
    let path = path_of(section);
    if !page.has_any {
        let empty = match section {
            RecordSection::Health => t.empty_no_data_health,
            RecordSection::SocialWelfare => t.empty_no_data_social,
        };
        return view! { <EmptyState text=empty /> }.into_any();
    }
    let count =
        (t.result_count)(&page.matching_entries.to_string(), &t.n_service_events.of(page.matching_events as usize));
    let first = shown_before + 1;
    let last = shown_before + page.events.len();
    let range = (t.page_of_results)(&first.to_string(), &last.to_string());
    let is_first_page = page.previous.is_none();
    let next_href = page.next.as_ref().map(|c| {
        let q = raw.query_string_with(Some(("after", c)));
        format!("{path}{q}&n={}", shown_before + EVENTS_PER_PAGE)
    });
    let previous_href = page.previous.as_ref().map(|c| {
        let q = raw.query_string_with(Some(("before", c)));
        format!("{path}{q}&n={}", shown_before.saturating_sub(EVENTS_PER_PAGE))
    });
    let first_href = format!("{path}{}", raw.query_string(None));
    let empty = page.events.is_empty();
    view! {
        <FilterForm section raw=raw.clone() registers=page.registers providers=page.providers />
        <p class="result-count" role="status" data-testid="result-count">
            {count}
        </p>
        {if empty {
            view! { <EmptyState text=t.empty_no_match /> }.into_any()
        } else {
            view! {
                <p class="muted">{range}</p>
                <ol class="event-list" data-testid="event-list">
                    {page
                        .events
                        .into_iter()
                        .map(|e| {
                            view! {
                                <li>
                                    <EventCard event=e link=true />
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
                .into_any()
        }}
        {(next_href.is_some() || !is_first_page)
            .then(|| {
                view! {
                    <nav class="pagination" aria-label=t.pagination_label>
                        {(!is_first_page).then(|| view! { <a href=first_href.clone()>{t.first_page}</a> })}
                        {previous_href
                            .map(|h| {
                                view! {
                                    <a href=h rel="prev" data-testid="previous-page">
                                        {t.previous_page}
                                    </a>
                                }
                            })}
                        {next_href
                            .map(|h| {
                                view! {
                                    <a href=h rel="next" data-testid="next-page">
                                        {t.next_page}
                                    </a>
                                }
                            })}
                    </nav>
                }
            })}
    }
    .into_any()
}

/// The filter: a GET form, so the filtered list is a URL.
#[component]
fn FilterForm(section: RecordSection, raw: RawFilter, registers: Vec<Choice>, providers: Vec<Choice>) -> impl IntoView {
    let t = use_texts();
    let path = path_of(section);
    let selected = |current: &Option<String>, value: &str| current.as_deref() == Some(value);
    let options = |choices: Vec<Choice>, current: Option<String>| choice_options(choices, current.as_deref());
    let kinds: Vec<EntryKind> = EntryKind::ALL.iter().copied().filter(|k| k.sector() == section.sector()).collect();
    let kind_select = (kinds.len() > 1).then(|| {
        let current = raw.kind.clone();
        view! {
            <div class="field">
                <label for="filter-kind">{t.filter_kind}</label>
                <select id="filter-kind" name="kind">
                    <option value="">{t.filter_any}</option>
                    {kinds
                        .into_iter()
                        .map(|k| {
                            let is = selected(&current, k.as_str());
                            view! {
                                <option value=k.as_str() selected=is>
                                    {t.entry_kind(k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    });
    view! {
        <form class="filters" method="get" action=path role="search" aria-labelledby="filter-heading">
            <h2 id="filter-heading" class="filters__title">
                {t.filter_heading}
            </h2>
            <div class="filters__fields">
                <div class="field">
                    <label for="filter-register">{t.filter_register}</label>
                    <select id="filter-register" name="register">
                        <option value="">{t.filter_any}</option>
                        {options(registers, raw.register.clone())}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-provider">{t.filter_provider}</label>
                    <select id="filter-provider" name="provider">
                        <option value="">{t.filter_any}</option>
                        {options(providers, raw.provider.clone())}
                    </select>
                </div>
                {kind_select}
                <div class="field">
                    <label for="filter-from">{t.filter_from}</label>
                    <input id="filter-from" name="from" type="date" value=raw.from.clone().unwrap_or_default() />
                </div>
                <div class="field">
                    <label for="filter-to">{t.filter_to}</label>
                    <input id="filter-to" name="to" type="date" value=raw.to.clone().unwrap_or_default() />
                </div>
            </div>
            <div class="filters__actions">
                <button type="submit" class="button">
                    {t.filter_apply}
                </button>
                <a href=path>{t.filter_clear}</a>
            </div>
        </form>
    }
}

/// One service event with its entries.
#[component]
pub(super) fn EventCard(event: EventView, link: bool) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let labelled_by = format!("event-{}", event.id);
    let heading_id = format!("event-{}", event.id);
    let href = format!("/records/events/{}", event.id);
    view! {
        <article class="event" aria-labelledby=labelled_by data-testid="service-event">
            <header class="event__header">
                <h2 id=heading_id class="event__title">
                    {if link {
                        view! { <a href=href>{event.title.clone()}</a> }.into_any()
                    } else {
                        view! { <span>{event.title.clone()}</span> }.into_any()
                    }}
                </h2>
                <dl class="event__meta">
                    <div>
                        <dt>{t.label_started}</dt>
                        <dd>{locale.date(event.started_on)}</dd>
                    </div>
                    <div>
                        <dt>{t.label_register}</dt>
                        <dd data-testid="event-register">{event.register_name}</dd>
                    </div>
                    <div>
                        <dt>{t.label_unit}</dt>
                        <dd>{event.unit_name}</dd>
                    </div>
                </dl>
            </header>
            <ul class="entries">
                {event
                    .entries
                    .into_iter()
                    .map(|x| {
                        view! {
                            <li class="entry" data-kind=x.kind.as_str()>
                                <span class="entry__kind">{t.entry_kind(x.kind)}</span>
                                <span class="entry__date">{(t.entry_recorded_on)(&locale.date(x.recorded_on))}</span>
                                <p class="entry__text">{x.text}</p>
                                {x
                                    .lab_test
                                    .map(|test| {
                                        view! {
                                            <a class="entry__link" href=super::laboratory::test_href(&test)>
                                                {(t.lab_chart_title)(&t.lab_name(&test))}
                                            </a>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </article>
    }
}
