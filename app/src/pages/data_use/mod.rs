//! Management of Data Use: the notice and its confirmations, consents,
//! denials (with a confirmation step), history, a printable summary, who
//! viewed the data, and the "who can see my data" preview. Every form is an
//! `ActionForm` (a plain POST without JavaScript) or a GET form.

mod consents;
mod denials;
mod ending;
mod history;
mod new_denial;
mod preview;
mod summary;

pub use ending::EndingConfirmPage;
pub use history::{HistoryPage, ViewingsPage};
pub use new_denial::DenialConfirmPage;
pub use preview::PreviewPage;
pub use summary::SummaryPage;

use crate::pages::inputs::{Check, CheckRow};
use crate::pages::subject::SubjectText;
use crate::pages::table::{Row, StackedTable};
use crate::pages::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{choice_options, loaded, loaded_list, use_locale, use_texts, EmptyState, ErrorSummary, LoadError};
use crate::api::data_use::*;
use crate::api::records::Choice;
use crate::domain::declarations::{DenialKind, Sector};
use crate::domain::ConfirmationChannel;

#[component]
fn DataUseNav(current: &'static str) -> impl IntoView {
    let t = use_texts();
    let links = [
        ("/data-use", t.du_overview),
        ("/data-use/history", t.du_history),
        ("/data-use/summary", t.du_summary),
        ("/data-use/viewings", t.du_viewings),
        ("/data-use/preview", t.du_preview),
    ];
    view! {
        <nav class="subnav" aria-label=t.du_subnav_label>
            <ul>
                {links
                    .into_iter()
                    .map(|(href, label)| {
                        view! {
                            <li>
                                <a href=href aria-current=(href == current).then_some("page")>
                                    {label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
pub fn DataUsePage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let page = Resource::new(move || locale, data_use_page);
    view! {
        <PageTitle title=t.nav_data_use />
        <h1>{t.nav_data_use}</h1>
        <DataUseNav current="/data-use" />
        <p class="lead">
            <SubjectText own=t.data_use_intro other=t.data_use_intro_of />
        </p>
        {loaded(page, |p| view! { <DataUseSections page=p /> })}
    }
}

/// The page's sections. The forms' actions live here, so that whichever
/// form failed, its error is announced at the top of the page.
#[component]
fn DataUseSections(page: DataUseView) -> impl IntoView {
    let give = ServerAction::<GiveConsent>::new();
    let give_cross = ServerAction::<GiveCrossConsent>::new();
    let update = ServerAction::<UpdateConsent>::new();
    let allow_rx = ServerAction::<AllowPrescriptionEmergency>::new();
    let withdraw_rx = ServerAction::<WithdrawPrescriptionEmergency>::new();
    let confirm_child = ServerAction::<ConfirmChildNotice>::new();
    let give_wellbeing = ServerAction::<crate::api::wellbeing::GiveWellbeingConsent>::new();
    let error = move || {
        [
            give.value().get(),
            give_cross.value().get(),
            update.value().get(),
            allow_rx.value().get(),
            withdraw_rx.value().get(),
            confirm_child.value().get(),
            give_wellbeing.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(Result::err)
    };
    let consent_actions = consents::ConsentActions { give, update, give_cross };
    let denial_actions = denials::DenialActions { allow_rx, withdraw_rx };
    let t = use_texts();
    view! {
        {move || error().map(|e| view! { <ErrorSummary error=e /> })}
        {page
            .view_only_for
            .clone()
            .map(|name| {
                view! {
                    <p class="callout" data-testid="view-only">
                        {(t.data_use_view_only)(&name)}
                    </p>
                }
            })}
        <NoticeSection page=page.clone() confirm_child />
        <consents::ConsentsSection page=page.clone() actions=consent_actions />
        <consents::CrossSection page=page.clone() actions=consent_actions />
        <consents::WellbeingSection page=page.clone() give=give_wellbeing />
        <denials::DenialsSection page=page.clone() actions=denial_actions />
        <OtherDeclarations page=page />
    }
}

/// The living will, the organ donation testament and the abroad consent as
/// they stand, with the way to their own pages (where they are made).
#[component]
fn OtherDeclarations(page: DataUseView) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let w = t.wills;
    let living_will = match page.living_will_saved {
        Some(at) => (w.summary_living_will)(&locale.local_date(at)),
        None => w.living_will_none.to_string(),
    };
    let organ = match page.organ_donation {
        Some((at, yes)) => (w.summary_organ)(if yes { w.answer_yes } else { w.answer_no }, &locale.local_date(at)),
        None => w.organ_none.to_string(),
    };
    let abroad = match page.abroad_consent {
        Some((at, countries)) => (w.abroad_given)(&locale.local_date(at), &countries),
        None => w.abroad_none.to_string(),
    };
    if page.child_name.is_some() {
        // Neither is the guardian's to see or make (DOMAIN.md §6).
        return view! {
            <section class="panel" aria-labelledby="du-other" data-testid="other-declarations">
                <h2 id="du-other">{w.other_declarations}</h2>
                <p class="callout" data-testid="wills-own-matter">
                    {t.err_own_wills}
                </p>
                <p class="callout">{t.err_own_abroad_consent}</p>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="panel" aria-labelledby="du-other" data-testid="other-declarations">
            <h2 id="du-other">{w.other_declarations}</h2>
            <ul class="plain-list">
                <li>{living_will}</li>
                <li>{organ}</li>
                <li>
                    <a href="/wills">{w.title}</a>
                </li>
                <li>{abroad}</li>
                <li>
                    <a href="/prescriptions/abroad">{w.abroad_link}</a>
                </li>
            </ul>
        </section>
    }
    .into_any()
}

/// The notice: its current version, every confirmation, and for a guardian
/// the child's confirmation.
#[component]
fn NoticeSection(page: DataUseView, confirm_child: ServerAction<ConfirmChildNotice>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let confirmed = page.confirmations.iter().any(|c| c.version == page.current_version);
    let confirmations = page.confirmations.clone();
    view! {
        <section class="panel" aria-labelledby="du-notice">
            <h2 id="du-notice">{t.notice_page_title}</h2>
            <p>{(t.du_notice_current)(page.current_version.as_str())}</p>
            {(!confirmed)
                .then(|| {
                    view! {
                        <p>
                            <strong>{t.du_notice_not_confirmed}</strong>
                        </p>
                    }
                })}
            {page
                .child_name
                .clone()
                .filter(|_| !confirmed)
                .zip(page.form_key.clone())
                .map(|(child, key)| {
                    let current = page.current_version.as_str().to_string();
                    let href = format!("/data-use/notice/{current}");
                    view! {
                        <p>
                            {(t.du_confirm_for_child_explain)(&child)}" "
                            <a href=href>{(t.du_read_version)(&current)}</a>
                        </p>
                        <ActionForm action=confirm_child>
                            <input type="hidden" name="version" value=current.clone() />
                            <input type="hidden" name="form_key" value=format!("{key}-child-notice") />
                            <button type="submit" class="button">
                                {(t.du_confirm_for_child_button)(&child)}
                            </button>
                        </ActionForm>
                    }
                })}
            <h3>{t.du_confirmations_heading}</h3>
            {if confirmations.is_empty() {
                view! { <p>{t.du_no_confirmations}</p> }.into_any()
            } else {
                let columns = vec![t.col_version, t.col_time, t.col_channel];
                let rows = confirmations
                    .into_iter()
                    .map(|c| {
                        let channel = match c.channel {
                            ConfirmationChannel::Online => t.channel_online.to_string(),
                            ConfirmationChannel::OnlineByGuardian { guardian_name } => {
                                (t.channel_online_by_guardian)(&guardian_name)
                            }
                            ConfirmationChannel::InPerson { provider_name } => (t.channel_in_person)(&provider_name),
                        };
                        Row::new(
                            vec![
                                c.version.to_string().into_any(),
                                locale.date_time(c.confirmed_at).into_any(),
                                channel.into_any(),
                            ],
                        )
                    })
                    .collect();
                view! { <StackedTable testid="confirmations" columns rows /> }.into_any()
            }}
            <ul class="inline-links">
                {page
                    .versions
                    .iter()
                    .map(|v| {
                        let href = format!("/data-use/notice/{}", v.as_str());
                        view! {
                            <li>
                                <a href=href>{(t.du_read_version)(v.as_str())}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Any version of the notice, read again.
#[component]
pub fn NoticeVersionPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let params = use_params_map();
    let version = Memo::new(move |_| params.get().get("version").unwrap_or_default());
    let text = Resource::new(move || (version.get(), locale), |(v, locale)| notice_version_text(v, locale));
    view! {
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match text.await {
                    Ok(n) => {
                        view! {
                            <PageTitle title=n.title.clone() />
                            <p>
                                <a href="/data-use">{t.back_to_data_use}</a>
                            </p>
                            <article class="notice">
                                <h1>{n.title}</h1>
                                <p class="notice__meta">
                                    {(t.notice_version_published)(&locale.date(n.published_on), n.version.as_str())}
                                </p>
                                <super::notice::NoticeBody body=n.body />
                            </article>
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <PageTitle title=t.notice_page_title />
                            <h1>{t.notice_page_title}</h1>
                            <LoadError error=e />
                            <p>
                                <a href="/data-use">{t.back_to_data_use}</a>
                            </p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
