# The web console's own words (English). Every id here exists in uk/console.ftl too
# (`movesafe content check` fails otherwise).

nav-label = Sections
nav-dashboard = Dashboard
nav-broadcasts = Broadcasts
nav-content = Content
nav-volunteers = Volunteers
nav-reports = Reports
role-volunteer = Volunteer
role-coordinator = Coordinator
logout = Log out

login-title = Log in to the movesafe console
login-how = In the bot, open 📣 Volunteer → 🖥 Web console. You get a one-time code that works for 15 minutes. Type it here, or open the link that comes with it.
login-code = Login code
login-button = Log in
login-bad = This code does not work. It may be mistyped, already used or older than 15 minutes. Ask the bot for a new one.
login-slow = Too many tries from this address. Wait 10 minutes, then try again with a new code.

error-title = Not possible
error-back = Back
error-csrf = This form is out of date or did not come from this console. Open the page again and repeat.
error-coordinators = Only coordinators can open this page.
error-database = The database cannot be reached right now. Nothing was changed. Try again in a minute.

dash-as-of = Figures as of { $date }. People are counted, never listed.
dash-subscribed = people receive updates
dash-reached = people reached by broadcasts
dash-delivered = messages delivered
dash-blocked = blocked the bot
dash-clicks = link clicks ({ $unique } unique)
dash-shares = came through a shared link ({ $new } of them new)
dash-reports = reports of suspicious activity
dash-jobs = job offers checked ({ $share } high risk)
dash-table = the numbers
dash-none = Nothing yet.
chart-reach = Messages delivered per day
chart-country = Messages delivered by country
chart-language = Messages delivered by language
chart-channel = Messages delivered by app
chart-report-category = Reports by kind
chart-report-country = Reports by country

bc-new = New broadcast
bc-what = Message
bc-status = Status
bc-progress = Progress
bc-sent = Delivered
bc-failed = Failed
bc-blocked = Blocked the bot
bc-none = No broadcasts yet.
status-ready = ready
status-scheduled = scheduled
status-sending = sending
status-done = finished
status-cancelled = cancelled

new-what = What to send
new-countries = Countries
new-none-is-all = Tick none to send to all.
new-languages = Languages
new-channels = Apps
new-active = Who
new-active-any = Everyone who agreed to receive updates
new-active-days = Only people active in the last { $days } days
new-when = When
new-now = Now
new-at = At a set time
new-at-utc = Date and time (UTC)
new-preview = Preview and count recipients
new-pick-message = Choose what to send.
new-pick-channel = Choose at least one app.
new-bad-time = Enter the date and time for a scheduled broadcast.
new-past-time = This time has already passed. Choose a later one.

pv-title = Check before sending
pv-count = { $count ->
    [0] Nobody matches these choices.
    [one] { $count } person will receive it.
   *[other] { $count } people will receive it.
}
pv-app = App
pv-language = Language
pv-people = People
pv-viber-cost = { $count } Viber messages are paid: about { $cost } €.
pv-viber-paid = { $count } Viber messages are paid messages (set VIBER_MESSAGE_PRICE_EUR to see the cost).
pv-scheduled = It starts on { $at }.
pv-as-read = As people will read it
pv-schedule = Schedule the broadcast
pv-send = Send now
pv-nobody = Nobody would receive this broadcast. Change the countries, languages or apps.
pv-change = Change the choices

bc-title = Broadcast { $id }
bc-created = The broadcast is created.
bc-live = this page updates itself
bc-done-of = { $done } of { $count } handled.
bc-recipients = Recipients
bc-pending = Waiting
bc-clicks = Link clicks
bc-unique = Unique clicks
bc-audience = Audience
bc-all-countries = all countries
bc-all-languages = all languages
bc-created-at = Created
bc-send-at = Starts
bc-finished-at = Finished
bc-cancel = Cancel the broadcast

ct-check = Content check
ct-check-ok = The content pack passes the check ({ $warnings } warnings).
ct-check-bad = The content pack has { $errors } errors. Fix them before the next release.
ct-warnings = Warnings ({ $count })
ct-phases = Campaign phases
ct-phase = Phase
phase-live = live
phase-coming-soon = coming soon
ct-referrals = Help organisations ({ $count })
ct-stale-first = Oldest check first. Entries not checked for more than { $days } days are marked: call or visit their website and update the date.
ct-country = Country
ct-name = Organisation
ct-verified = Checked on
ct-age = Days ago
ct-source = Source
ct-stale = needs checking

vol-invite-made = { $role ->
    [coordinator] Invite for a coordinator
   *[volunteer] Invite for a volunteer
}
vol-invite-once = Send one of these to the person. It works once, within 24 hours, and is not shown again.
vol-invite-command = Or they type in the bot:
vol-people = Volunteers and coordinators ({ $count })
vol-who = App and chat id
vol-role = Role
vol-since = Since
vol-actions = Actions
vol-you = you
vol-make-volunteer = Make volunteer
vol-make-coordinator = Make coordinator
vol-remove = Remove access
vol-invites = Invites
vol-invite-volunteer = Invite a volunteer
vol-invite-coordinator = Invite a coordinator
vol-expires = Valid until
vol-revoke = Withdraw
vol-no-invites = No open invites.

rp-total = { $count ->
    [one] { $count } report received
   *[other] { $count } reports received
}
rp-sealed = Reports are sealed in the bot with the analysts' public key. This server cannot read them: the download is still sealed.
rp-download = Download the sealed reports
rp-open = Analysts open the file on their own computer with the private key:
rp-by-category = By kind
rp-by-country = By country
rp-by-week = By week
