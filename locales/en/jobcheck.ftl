## Job-offer check: verdicts and warning signs (each: a name, then why it matters and what to do)

job-risk-high = 🔴 High risk. Do not pay, do not travel and do not send documents yet. Call a hotline from «Help now».
job-risk-medium = 🟠 Some warning signs. Check the offer carefully before you agree to anything.
job-risk-low = 🟢 No clear warning signs found. Still check the employer and get a written contract first.
job-no-signs = I did not find known warning signs in this text. That does not prove the offer is safe.

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
