//! The living will and the organ donation testament: what is in
//! force, every earlier version (readable without JavaScript in a
//! `<details>`), and the forms. Texts are shown exactly as typed: the view
//! escapes them like any text, and the style keeps their line breaks.

use leptos::prelude::*;

use super::inputs::{Check, CheckRow};
use super::layout::FlashMessage;

use super::{loaded, textarea_text, use_locale, use_texts, ErrorSummary, PageTitle};
use crate::api::wills::{
    wills_page, DeclareOrganDonation, SaveLivingWill, WillsView, WithdrawLivingWill, WithdrawOrganDonation,
};
use crate::domain::validity::LivingWillVersion;
use crate::domain::wills::{LivingWill, SHORT_TEXT_MAX_CHARS, WISHES_MAX_CHARS};

#[component]
pub fn WillsPage() -> impl IntoView {
    let t = use_texts();
    let page = Resource::new(|| (), |_| wills_page());
    view! {
        <PageTitle title=t.wills.title />
        <h1>{t.wills.title}</h1>
        <p class="lead">{t.wills.intro}</p>
        <p class="callout" data-testid="shown-to-healthcare">
            {t.wills.shown_to_healthcare}
        </p>
        {loaded(page, |page| view! { <Wills page=page /> })}
    }
}

#[component]
fn Wills(page: WillsView) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SaveLivingWill>::new();
    let withdraw = ServerAction::<WithdrawLivingWill>::new();
    let organ = ServerAction::<DeclareOrganDonation>::new();
    let withdraw_organ = ServerAction::<WithdrawOrganDonation>::new();
    let errors = move || {
        [save.value().get(), withdraw.value().get(), organ.value().get(), withdraw_organ.value().get()]
            .into_iter()
            .flatten()
            .find_map(Result::err)
            .map(|e| view! { <ErrorSummary error=e /> })
    };
    let key = page.form_key.clone();
    let has_one = page.living_will.is_some();
    let will = page.living_will.as_ref().map(|v| v.will.clone()).unwrap_or(LivingWill {
        care: String::new(),
        end_of_life: String::new(),
        person_to_hear: String::new(),
    });
    let (save_key, withdraw_key) = (format!("{key}-living-will"), format!("{key}-living-will-withdraw"));
    view! {
        {errors}
        <section class="panel" aria-labelledby="living-will" data-testid="living-will">
            <h2 id="living-will">{t.wills.living_will}</h2>
            <FlashMessage place="living-will" />
            {match &page.living_will {
                Some(v) => view! { <WillVersion version=v.clone() in_force=true /> }.into_any(),
                None => view! { <p data-testid="living-will-none">{t.wills.living_will_none}</p> }.into_any(),
            }}
            <ActionForm action=save>
                <input type="hidden" name="form_key" value=save_key />
                <WillField
                    id="will-care"
                    name="care"
                    label=t.wills.section_care
                    value=will.care
                    max=WISHES_MAX_CHARS
                    rows=6
                />
                <WillField
                    id="will-end-of-life"
                    name="end_of_life"
                    label=t.wills.section_end_of_life
                    value=will.end_of_life
                    max=WISHES_MAX_CHARS
                    rows=6
                />
                <WillField
                    id="will-person"
                    name="person_to_hear"
                    label=t.wills.section_person
                    value=will.person_to_hear
                    max=SHORT_TEXT_MAX_CHARS
                    rows=2
                />
                <button type="submit" class="button">
                    {if has_one { t.wills.save_new_version } else { t.wills.save_living_will }}
                </button>
            </ActionForm>
            {has_one.then(|| withdraw_form!(withdraw, withdraw_key, t.wills.withdraw_living_will))}
            {(!page.earlier.is_empty())
                .then(|| {
                    view! {
                        <h3>{t.wills.earlier_versions}</h3>
                        <ul class="plain-list" data-testid="earlier-versions">
                            {page
                                .earlier
                                .into_iter()
                                .map(|v| {
                                    view! {
                                        <li>
                                            <WillVersion version=v in_force=false />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
        <OrganDonationSection organ=page.organ_donation form_key=Some(key) save=organ withdraw=withdraw_organ />
    }
}

/// A textarea of the living will, with its limit said and enforced.
#[component]
fn WillField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    value: String,
    max: usize,
    rows: u32,
) -> impl IntoView {
    let t = use_texts();
    let hint = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <p class="hint" id=hint.clone()>
                {(t.wills.at_most)(max)}
            </p>
            <textarea id=id name=name dir="auto" rows=rows maxlength=max aria-describedby=hint>
                {textarea_text(&value)}
            </textarea>
        </div>
    }
}

/// One version of the living will: in force, or earlier (folded).
#[component]
fn WillVersion(version: LivingWillVersion, in_force: bool) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let saved = locale.local_date(version.saved_at);
    let sections = [
        (t.wills.section_care, version.will.care),
        (t.wills.section_end_of_life, version.will.end_of_life),
        (t.wills.section_person, version.will.person_to_hear),
    ];
    let body = view! {
        <dl class="will-text">
            {sections
                .into_iter()
                .map(|(label, text)| {
                    let empty = text.is_empty();
                    view! {
                        <dt>{label}</dt>
                        <dd class="as-typed" dir="auto" class:muted=empty>
                            {if empty { t.wills.section_empty.to_string() } else { text }}
                        </dd>
                    }
                })
                .collect_view()}
        </dl>
    };
    if in_force {
        view! {
            <div data-testid="living-will-in-force">
                <p>{(t.wills.saved_on)(&saved)}</p>
                {body}
            </div>
        }
        .into_any()
    } else {
        let ended = version.ended_at.map(|at| locale.local_date(at)).unwrap_or_default();
        view! {
            <details>
                <summary>{(t.wills.version_span)(&saved, &ended)}</summary>
                {body}
            </details>
        }
        .into_any()
    }
}

#[component]
fn OrganDonationSection(
    organ: Option<(chrono::DateTime<chrono::Utc>, crate::domain::wills::OrganDonation)>,
    form_key: Option<String>,
    save: ServerAction<DeclareOrganDonation>,
    withdraw: ServerAction<WithdrawOrganDonation>,
) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let has_one = organ.is_some();
    let (yes, restriction) =
        organ.as_ref().map_or((None, String::new()), |(_, o)| (Some(o.donate), o.restriction.clone()));
    view! {
        <section class="panel" aria-labelledby="organ-donation" data-testid="organ-donation">
            <h2 id="organ-donation">{t.wills.organ_donation}</h2>
            <FlashMessage place="organ-donation" />
            {match organ {
                Some((at, o)) => {
                    view! {
                        <div data-testid="organ-in-force" data-donate=o.donate.to_string()>
                            <p>{if o.donate { t.wills.organ_yes } else { t.wills.organ_no }}</p>
                            {(!o.restriction.is_empty())
                                .then(|| {
                                    view! {
                                        <p>
                                            <strong>{t.wills.restriction}": "</strong>
                                            <span class="as-typed" dir="auto" data-testid="restriction">
                                                {o.restriction}
                                            </span>
                                        </p>
                                    }
                                })}
                            <p>{(t.wills.saved_on)(&locale.local_date(at))}</p>
                        </div>
                    }
                        .into_any()
                }
                None => view! { <p data-testid="organ-none">{t.wills.organ_none}</p> }.into_any(),
            }}
            {form_key
                .map(|key| {
                    let (save_key, withdraw_key) = (format!("{key}-organ"), format!("{key}-organ-withdraw"));
                    view! {
                        <ActionForm action=save>
                            <input type="hidden" name="form_key" value=save_key />
                            <fieldset class="field">
                                <legend>{t.wills.organ_choice}</legend>
                                {[("yes", true, t.wills.organ_yes), ("no", false, t.wills.organ_no)]
                                    .into_iter()
                                    .map(|(value, donate, label)| {
                                        view! {
                                            <CheckRow
                                                kind=Check::Radio
                                                id=format!("organ-{value}")
                                                name="donate"
                                                value=value
                                                checked=yes == Some(donate)
                                            >
                                                {label}
                                            </CheckRow>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <div class="field">
                                <label for="organ-restriction">
                                    {(t.wills.restriction_label)(SHORT_TEXT_MAX_CHARS)}
                                </label>
                                <textarea
                                    id="organ-restriction"
                                    name="restriction"
                                    dir="auto"
                                    rows="2"
                                    maxlength=SHORT_TEXT_MAX_CHARS
                                >
                                    {textarea_text(&restriction)}
                                </textarea>
                            </div>
                            <button type="submit" class="button">
                                {t.wills.save_organ}
                            </button>
                        </ActionForm>
                        {has_one.then(|| withdraw_form!(withdraw, withdraw_key, t.wills.withdraw_organ))}
                    }
                })}
        </section>
    }
}
