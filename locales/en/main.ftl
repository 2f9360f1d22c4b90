## movesafe — interface texts (English). Phases are in phases.ftl, country names in countries.ftl.
## Keep texts short: people read them on small phones, often under stress.

language-name = English
language-choose = Choose your language.

privacy-note =
    🔒 I never ask for your name or phone number.
    I keep only your language, country and choices, so that I can answer you.
    You can delete it all at any time: Settings → Delete my data.

## Buttons
btn-ok = OK, continue
btn-back = ◀ Back
btn-next = Next ▶
btn-done = ✓ Done
btn-menu = ☰ Menu
btn-help-now = 🆘 Help now
btn-yes = Yes, that's right
btn-choose-country = Choose from the list
btn-share-location = 📍 Share my location
btn-updates-yes = Yes, send me updates
btn-updates-no = No, thanks
btn-change-country = Change country
btn-set-language = Language
btn-set-country = Country
btn-updates-turn-on = 🔔 Turn updates on
btn-updates-turn-off = 🔕 Turn updates off
btn-forget = 🗑 Delete my data
btn-forget-yes = Yes, delete everything
btn-forget-no = No, keep it
btn-start-again = Start again

## Onboarding
country-choose = Which country are you in now? I will show you help numbers for it.
country-guess = It looks like you are in { $country }. Is that right?
updates-ask =
    May I send you short safety updates now and then?
    You can stop them at any time.
welcome-subscribed = Thank you. You will get safety updates. To stop them, send /stop.
welcome-not-subscribed = All right, no updates. You can turn them on in Settings.
welcome-back = Welcome back.
finish-onboarding = Let's finish setting up first — it takes a few seconds.

## Main menu
menu-title = Main menu
menu-text = What would you like to do? If you are in danger, tap 🆘 Help now.
menu-jobcheck = 🔎 Check a job offer
menu-report = 📝 Report something suspicious
menu-findhelp = 📍 Find help near me
menu-settings = ⚙️ Settings

## Help now
helpnow-title = 🆘 Help now
helpnow-intro = Numbers for { $country }:
helpnow-entry =
    { $name } — { $phones }
    { $about }
helpnow-footer = Calls are confidential. You do not need documents to ask for help.
helpnow-no-country =
    In any EU country, call 112 in an emergency.
    Tap «Change country» to see the anti-trafficking hotline where you are.

## Phases
phase-topics-count =
    { $count ->
        [one] { $count } short tip, one screen.
       *[other] { $count } short tips, one screen each.
    }
topic-progress = Tip { $n } of { $total }

soon-text =
    «{ $feature }» is coming soon.
    If you need help now, tap 🆘 Help now.

## Settings
settings-text =
    Language: { $language }
    Country: { $country }
    Safety updates: { $updates }
updates-on = on
updates-off = off
updates-started = Safety updates are on.
updates-stopped = Safety updates are off. You can turn them on again here.
language-changed = Language changed.
country-changed = Country saved.
forget-confirm =
    Delete everything I keep about you: language, country and choices?
    This cannot be undone.
forget-done =
    Done. I have deleted everything I kept about you.
    If you write to me again, we start from the beginning.
forget-cancelled = Nothing was deleted.

## When something goes wrong
unknown-input = Sorry, I did not understand. Please use the buttons below.
unknown-command = I do not know that command. Please use the buttons below.
stale-button = That button is out of date. Here is where we are now.
location-not-needed = Thank you, but I do not need your location here.
location-unknown = I could not tell the country from that location. Please choose it from the list.
unsupported = Sorry, I cannot read { $kind }. Please write text or use the buttons.
kind-photo = photos here
kind-sticker = stickers
kind-voice = voice messages
kind-video = videos
kind-file = files
kind-contact = contacts
kind-other = this kind of message
help-text =
    I help you stay safe while you travel and look for work.
    Use the buttons. Commands: /menu — main menu, /sos — help now, /report — report something suspicious, /followup — add to an earlier report, /language — language, /stop — stop updates, /forget — delete my data, /hide — hide this chat.

## Stop, start again, hide
stop-confirm =
    Stop safety updates?
    You can still use everything here, and turn them on again with /start.
updates-paused = Safety updates are off. Send /start to turn them on again.
btn-stop-yes = Yes, stop updates
btn-stop-no = No, keep them
resume-ask = Welcome back. Would you like safety updates again?
btn-hide = 🙈 Hide this chat
hide-done = 👋
hide-not-possible =
    I cannot delete messages here. To hide this chat, delete it in the app: press and hold the chat in your list, then choose Delete.

## Command menu (Telegram)
cmd-start = Start or start again
cmd-menu = Main menu
cmd-sos = Help now: emergency numbers
cmd-report = Report something suspicious
cmd-followup = Add to an earlier report (receipt code)
cmd-help = How to use this bot
cmd-language = Change language
cmd-stop = Stop safety updates
cmd-forget = Delete my data
cmd-hide = Hide this chat
