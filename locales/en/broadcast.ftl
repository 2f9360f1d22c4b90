## Broadcasts: what recipients see

broadcast-notice = 📢 Safety update
broadcast-open-phase = 📖 Read it now
broadcast-share = 📤 Share this bot
broadcast-link-be-safe = 🌐 Be Safe (OSCE)
broadcast-footer = You get these updates because you said yes to them. To stop them, send /stop.

bc-hotline-reminder-title = Save the help numbers now
bc-hotline-reminder-text =
    In a crisis there is no time to search. Save the anti-trafficking hotline of the country you are in.
    Tap 🆘 Help now to see the numbers, or 📍 Find help near me to keep an offline safety card on your phone.
bc-check-before-title = Check a job offer before you go
bc-check-before-text =
    A job that asks you to pay, keeps your passport or has no written contract is a trap.
    Paste the offer here and I will point out the warning signs. If something feels wrong, report it — you stay anonymous.

## Broadcasts: what the volunteer sees while one is sent

broadcast-progress =
    📣 Broadcast { $id }: sending…
    Sent: { $sent } of { $recipients }
    Waiting: { $pending } · Blocked the bot: { $blocked } · Failed: { $failed }
broadcast-progress-done =
    ✅ Broadcast { $id } finished.
    Sent: { $sent } of { $recipients }
    Blocked the bot: { $blocked } · Failed: { $failed } · Skipped: { $skipped }

## The volunteer's corner (volunteers and coordinators only)

menu-volunteer = 📣 Volunteer
vol-title = 📣 Volunteer
vol-home = Send a campaign message to people who said yes to safety updates, and follow how far it went.
vol-new = 📝 New broadcast
vol-list = 📊 My broadcasts
vol-invite-volunteer = ➕ Invite a volunteer
vol-invite-coordinator = ➕ Invite a coordinator
vol-what = What should people get? Each person reads it in their own language.
vol-countries = Which countries? Tap to choose one or several, then Next.
vol-langs = Which languages? Tap to choose, then Next.
vol-channels = Which apps?
vol-active = Only people who used the bot recently?
vol-toggle = { $mark } { $name }
vol-all-countries = All countries
vol-all-languages = All languages
vol-channel-telegram = Telegram
vol-channel-viber = Viber
vol-channel-both = Telegram and Viber
vol-active-any = Anyone who said yes
vol-active-days = Last { $days } days
vol-summary =
    Message: { $what }
    Countries: { $countries } · Languages: { $langs }
    Apps: { $channels } · { $days ->
        [0] anyone who said yes
       *[other] active in the last { $days } days
    }
vol-preview = 👀 Check before sending
vol-preview-in = Preview: { $language }
vol-count =
    { $count ->
        [0] Nobody matches these choices.
        [one] It will go to 1 person (Telegram { $telegram }, Viber { $viber }).
       *[other] It will go to { $count } people (Telegram { $telegram }, Viber { $viber }).
    }
vol-viber-paid =
    Viber charges for messages a bot starts: { $count ->
        [one] 1 paid message
       *[other] { $count } paid messages
    }. The price depends on the recipients' countries (ask the coordinator).
vol-viber-cost =
    Viber charges for messages a bot starts: { $count ->
        [one] 1 paid message
       *[other] { $count } paid messages
    }, about €{ $cost }.
vol-send-now = ✅ Send now
vol-send-1h = 🕐 In 1 hour
vol-send-9 = 🕘 At 09:00 UTC
vol-nobody = Nobody matches these choices. Go back and choose more countries or languages.
vol-started =
    Broadcast { $id } is on its way to { $count ->
        [one] 1 person
       *[other] { $count } people
    }. I will show the progress in a message here.
vol-scheduled =
    Broadcast { $id } will start at { $at } ({ $count ->
        [one] 1 person
       *[other] { $count } people
    } now).
vol-create-failed = This broadcast could not be created. Your volunteer access may have changed: ask your coordinator.
vol-list-item = #{ $id } { $what } — { $status }, sent { $sent } of { $count }
vol-status-ready = ready, not started
vol-status-scheduled = scheduled
vol-status-sending = sending
vol-status-done = finished
vol-status-cancelled = cancelled
vol-cancel = ⛔ Cancel #{ $id }
vol-refresh = 🔄 Refresh
vol-list-empty = No broadcasts yet.
vol-cancelled = Broadcast { $id } is cancelled: nothing more will be sent.
vol-cancel-too-late = Broadcast { $id } had already ended.
vol-coordinators-only = Only coordinators can do this.
vol-invite-title = ➕ Invite
vol-invite-text =
    Send this link to the person you invite as { $role ->
        [coordinator] a coordinator
       *[other] a volunteer
    }. It works once, for 24 hours:
    { $link }
vol-invite-bad = This invitation does not work: it was used already or is older than 24 hours. Ask for a new one.
vol-welcome = Welcome! You are now { $role ->
        [coordinator] a coordinator
       *[other] a volunteer
    }. The 📣 Volunteer button is in the menu.

# The web console (issue 9): a one-time login code from the bot.
vol-web = 🖥 Web console
vol-web-title = 🖥 Web console
vol-web-code =
    Your login code: { $code }
    It works once, for { $minutes } minutes. Do not forward it to anyone.
vol-web-link = Open this link and press "Log in": { $link }
vol-web-no-link = Open /console/login on the bot's server and type the code there.
