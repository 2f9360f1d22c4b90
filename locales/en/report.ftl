## Report something suspicious (anonymous)

report-title = 📝 Report something suspicious
report-intro =
    Tell me what you saw, heard or know: a suspicious job offer, a driver offering free rides, someone whose documents were taken. You can do it anonymously.
    🔒 Your report is locked so that only the campaign's analysts can read it. It is stored without your name, phone number or chat, with the time rounded to the hour. I remove hidden data (place, device) from photos.
    You will get a receipt code: with it you can add to your report later. Nobody can trace the report back to you.
report-danger = 🆘 If someone is in danger now, call { $phones }.
report-danger-unknown = 🆘 If someone is in danger now, call the emergency number of the country you are in.
report-draft-open =
    { $minutes ->
        [0] You started a report a moment ago.
        [one] You started a report { $minutes } minute ago.
       *[other] You started a report { $minutes } minutes ago.
    } An unsent report is deleted an hour after you start it.
report-draft-offer = The job offer you checked is ready to report: its text and warning signs are already in it.
report-draft-followup = You were adding to an earlier report.
btn-report-start = ✍️ Start a report
btn-report-continue = ✍️ Continue
btn-report-start-over = Start over
btn-report-followup = 🔑 Add to an earlier report

report-category-ask = What is it about?
report-category-job = A job offer or a recruiter
report-category-transport = Transport or a ride
report-category-housing = Accommodation
report-category-documents_money = Someone asking for documents or money
report-category-controlled = Someone who seems controlled or exploited
report-category-online = An online ad or profile
report-category-other = Something else

report-country-ask = In which country did it happen?
report-country-other = Another country / not sure
report-place-ask =
    Where exactly? Type the city or place, or share a location.
    You can skip this.
btn-skip = Skip ▶
report-exact-ask =
    Keep the exact spot, or only the area (about 1 km)?
    The area is safer if the exact place could point to you.
btn-report-area = About 1 km (safer)
btn-report-exact = The exact spot
report-when-ask = When did it happen?
report-when-today = Today
report-when-week = This week
report-when-earlier = Earlier

report-what-ask =
    What happened? Tell me in your own words: what you saw or heard, where, who was involved.
    You can send several messages. Please do not write your own name.
    Tap Done when you have finished.
report-what-offer = The job offer's text and its warning signs are already in the report: add anything else you know.
report-what-count =
    { $count ->
        [one] You have written { $count } message so far.
       *[other] You have written { $count } messages so far.
    }
report-photos-ask =
    You can add photos or screenshots, for example of the ad or of a message. I remove hidden data from them (place, time, device).
    Send them now, or tap Skip.
report-photos-count =
    { $count ->
        [one] { $count } photo added.
       *[other] { $count } photos added.
    }

report-review-title = Check your report
report-review-summary =
    This is what will be sent:
    • About: { $category }
    • Where: { $where }
    • When: { $when }
report-review-offer =
    { $signs ->
        [0] • The job offer's text is included.
        [one] • The job offer's text and { $signs } warning sign are included.
       *[other] • The job offer's text and { $signs } warning signs are included.
    }
report-review-what =
    { $count ->
        [one] • What happened ({ $count } message):
       *[other] • What happened ({ $count } messages):
    }
report-quote = “{ $text }”
report-review-photos =
    { $count ->
        [0] • No photos.
        [one] • { $count } photo.
       *[other] • { $count } photos.
    }
report-review-footer = Nothing reaches the analysts until you tap Send. An unsent report is deleted an hour after you start it.
report-not-given = not given
report-where-city = { $country }, { $city }
report-where-location = { $country }, a shared location ({ $kind })
report-location-area = about 1 km
report-location-exact = exact
btn-report-send = ✅ Send the report
btn-report-edit-category = ✏️ What it is about
btn-report-edit-where = ✏️ Where
btn-report-edit-when = ✏️ When
btn-report-edit-what = ➕ Add text
btn-report-edit-photos = 📷 Photos
btn-report-discard = ✖ Discard

report-discard-ask = Discard this report? What you wrote and the photos will be deleted.
btn-report-discard-yes = Yes, discard it
btn-report-keep = No, keep writing
report-discarded = The report was deleted. Nothing was sent.

report-sent-title = ✅ Report sent
report-sent = Thank you. Your report has reached the analysts, locked so that only they can read it.
report-receipt =
    Your receipt code: { $code }
    Write it down or keep it somewhere safe. I show it only this once and do not keep it. With it you can add to your report later: Menu → Report something suspicious → Add to an earlier report, or the /followup command.
report-next = What happens next: the analysts read every report, look for tricks that repeat and warn others; serious cases go to the authorities. Nobody will contact you: the report does not say who you are. If you need help yourself, tap Help now.

## Notes while writing a report
report-text-added =
    { $count ->
        [one] Added ({ $count } message). Write more, or tap Done.
       *[other] Added ({ $count } messages). Write more, or tap Done.
    }
report-added-review = Added. When you are ready, tap Send the report.
report-need-text = Please write a few words about what happened first.
report-use-buttons = Please choose with the buttons below. You can write what happened in a later step.
report-city-too-long = Please type just the city or place (up to { $max } characters).
report-full = The report cannot hold more text (up to { $max } characters). Tap Done to go on.
report-photo-saved = Photo { $count } added, hidden data removed. Send more, or tap Done.
report-photo-later = You can add photos after you describe what happened.
report-photo-not-image = I can only take pictures (JPEG, PNG and similar). Please send it as a photo.
report-photo-too-large = This picture is too large (up to 10 MB). Please send a smaller one or a screenshot.
report-photo-too-many = A report can hold at most { $max } photos.
report-photo-failed = I could not get this photo. Please send it again.
report-limited = You have sent several reports today. To protect the service from abuse, please try again tomorrow. If someone is in danger now, tap Help now.
report-failed = Sorry, I could not send it just now. Nothing is lost: please tap Send again in a minute.
report-not-found = That report is no longer stored: reports are deleted after a few months.
report-gone = This report is no longer here: it was sent, discarded or deleted after an hour.
report-expired = Your unfinished report was deleted an hour after you started it, as promised. You can start again.

## Add to an earlier report (receipt code)
followup-title = 🔑 Add to an earlier report
followup-ask = Type the 16-digit receipt code you got when you sent the report (spaces are fine).
followup-not-found = No report has this code. Please check the 16 digits and try again.
followup-limited = Too many tries. Please wait an hour and try again.
followup-what-ask =
    I found your report. Write what you want to add, or send photos.
    Tap Send when you have finished.
followup-what-count = Ready to add: { $texts ->
        [one] { $texts } message
       *[other] { $texts } messages
    }, { $photos ->
        [one] { $photos } photo.
       *[other] { $photos } photos.
    }
followup-added = Added. Write more, send photos, or tap Send.
followup-need-something = Please write something or send a photo first.
btn-followup-send = ✅ Send the addition
followup-sent = Added to your report. Thank you.
