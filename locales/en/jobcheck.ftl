## Job-offer check: verdicts and warning signs (each: a name, then why it matters and what to do)

job-risk-high = 🔴 High risk. Do not pay, do not travel and do not send documents yet. Call a hotline from «Help now».
job-risk-medium = 🟠 Some warning signs. Check the offer carefully before you agree to anything.
job-risk-low = 🟢 No clear warning signs found. Still check the employer and get a written contract first.
job-no-signs = I did not find known warning signs in this text. That does not prove the offer is safe.
job-sign-learned = (found by the learned model, not by a written rule; the quote is the sentence that points to it most)

sign-recruitment_fee = Asks you to pay
sign-recruitment_fee-why = A real employer pays for hiring. Do not pay for a job, a visa or "registration".
sign-document_retention = Wants to keep your passport
sign-document_retention-why = Only officials may check your documents. Never hand them over "for safekeeping".
sign-no_written_contract = No written contract before you go
sign-no_written_contract-why = Without a signed contract you cannot prove what was promised. Get it before you travel, in a language you read.
sign-unrealistic_pay = Pay too good to be true
sign-unrealistic_pay-why = Very high pay for simple work is a classic lure. Compare with usual pay for this job in that country.
sign-vague_employer = Employer or address not named
sign-vague_employer-why = Ask for the company name, registration number and the exact workplace address, and check them.
sign-messenger_only_contact = Contact only through a messenger
sign-messenger_only_contact-why = It is hard to check who is behind a chat account. Ask for a call, an office address or a website.
sign-urgency_pressure = Pressure to decide fast
sign-urgency_pressure-why = Pressure stops you from checking. A real offer can wait two days.
sign-wage_deductions = Housing or food taken from your pay
sign-wage_deductions-why = Deductions can eat most of your pay. Get every cost in writing before you agree.
sign-travel_debt = Travel paid now, repaid from your pay
sign-travel_debt-why = A debt to the employer can be used to control you. Do not travel on credit from someone you cannot check.
sign-irregular_work = Work without papers or registration
sign-irregular_work-why = Work off the books leaves you without protection. With temporary protection you may work legally in the EU.
sign-movement_restriction = Limits on leaving or on your phone
sign-movement_restriction-why = Nobody may lock you in or take your phone. If this is happening, call 112 or a hotline.
sign-excessive_hours = Very long hours, no days off
sign-excessive_hours-why = Long hours without rest are a sign of exploitation. Keep a record of your hours and payments.
sign-intimate_services_risk = "Hostess", "model" or "photo shoot" offer
sign-intimate_services_risk-why = Such offers are often used to trap women. Do not travel and do not send photos; ask a hotline first.

## The "Check a job offer" flow
jobcheck-intro =
    Paste the text of the job ad here, or forward the message with the ad to me.
    I will look for warning signs of fraud and trafficking and explain each one.
    I keep the ad's text only while you are in this check (an hour at most), in case you want to report it.
btn-job-questions-only = ❓ No ad? Answer questions
jobcheck-result-title = 🔎 What I found in the ad
jobcheck-sign =
    • { $name }
      { $why }
jobcheck-sign-quoted =
    • { $name }: «{ $evidence }»
      { $why }
jobcheck-sign-pay =
    • { $name }: «{ $evidence }»
      { $why }
      { $detail }
jobcheck-questions-offer =
    An ad never says everything. { $count ->
        [one] One short question
       *[other] { $count } short questions
    } will help me give you a clearer answer.
btn-job-questions = 📝 Answer { $count ->
        [one] 1 question
       *[other] { $count } questions
    }
btn-job-another = 🔁 Check another ad
btn-job-report = 📣 Report this offer
jobcheck-too-short = That is too short for a job ad. Please send the whole text of the ad.
jobcheck-cut = The ad is very long, so I checked only its first { $chars } characters.
jobcheck-unknown-language = I do not know this language well, so I checked only the pay and the contacts. The questions will help more.
jobcheck-photo-no-text = I cannot read text in pictures. Please copy the text of the ad and send it, or forward the message with the text.
jobcheck-unavailable = The job-offer check is not available right now.

## The guided check (yes / no / not sure)
guided-progress = Question { $n } of { $total }
btn-answer-y = Yes
btn-answer-n = No
btn-answer-u = Not sure
guided-tap-answer = Please tap Yes, No or Not sure.
guided-pay = Did they ask you to pay anything — for the job, documents, a visa, training or "registration"?
guided-pay-tip = Ask directly whether you will have to pay for anything. A real employer pays the costs of hiring.
guided-documents = Did they say someone will keep your passport or ID — "for safekeeping" or "for registration"?
guided-documents-tip = Ask who will hold your passport. Only you should keep it; give copies, never the original.
guided-contract = Will you get a written contract, in a language you read, before you travel?
guided-contract-tip = Ask for the contract before you travel, in a language you read, and keep a copy.
guided-debt = Will they pay your trip or housing now and take it from your pay later?
guided-debt-tip = Ask who pays for the trip and housing, and whether anything is taken from your pay.
guided-phone = Did they say you must hand over your phone, or may not leave where you live or work?
guided-phone-tip = Ask whether you can keep your phone and go out freely when you are not working.
guided-photos = Did they ask for photos of you (full-length, in a swimsuit), or want only young women?
guided-photos-tip = Ask why photos of you are needed for this job. Do not send them until you have checked the employer.
guided-employer = Do you know the company's name and the exact workplace address, and could you check them yourself?
guided-employer-tip = Ask for the company's name, registration number and exact address, then check them yourself.
guided-rush = Are they pushing you to decide or leave within a day or two?
guided-rush-tip = Take your time. A real offer will still be there after two days of checking.

## The verdict: the ad and the answers together
verdict-title = 🔎 My answer
verdict-high = 🔴 This offer has serious warning signs. Do not pay, do not send documents or photos, and do not travel. Talk to a hotline first.
verdict-medium = 🟠 This offer needs checking. Find out more before you agree to anything.
verdict-low = 🟢 I did not find warning signs. Still, check the employer and keep your documents with you.
verdict-from-ad = In the ad:
verdict-from-answers = From your answers:
verdict-tip = • { $tip }
verdict-unsure = Find out before you agree:
verdict-hotline = 📞 Free, confidential advice: { $name } — { $phones }
verdict-hotline-none = 📞 Tap 🆘 Help now to see hotlines, or set your country in Settings.
verdict-verify =
    How to check an employer:
    • Find the company in the country's official business register.
    • Call the company on a number you found yourself, not the one in the ad.
    • Look up the workplace address on a map and read reviews.
    • Tell someone you trust where you are going and who the employer is.
verdict-report = If this offer looks like fraud or trafficking, you can report it anonymously.

## Pay compared with the legal minimum (shown under "Pay too good to be true")
jobcheck-pay-detail = The legal minimum wage in { $country } is about { $minimum } € a month before tax. This offer promises about { $ratio } times that.
jobcheck-pay-detail-nameless = The legal minimum wage there is about { $minimum } € a month before tax. This offer promises about { $ratio } times that.
jobcheck-pay-detail-fallback = The ad does not say in which country. Compared with the legal minimum wage in { $country } (about { $minimum } € a month before tax, in the middle for the EU), it promises about { $ratio } times as much.
