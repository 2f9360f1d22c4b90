# Safety campaign phases (content/phases/*.yaml).
# Plain text only: no HTML, no Markdown. No phone numbers, web addresses or
# organisation names: the Help now screen shows sourced numbers.

## Phase 1: Travel safe, stay safe

phase-travel-safe-title = Travel safe, stay safe
phase-travel-safe-menu = 🚌 Travel safe
phase-travel-safe-intro = A few simple habits keep you safe on the road and when you arrive. Choose a topic.

topic-travel-safe-passport-title = Keep your passport with you
topic-travel-safe-passport-text =
    Your passport protects you. Keep it on you all the time.
    • Show it only to border guards, police or officials.
    • Never hand it over "for safekeeping", even to someone who seems kind.
    • If someone takes it and will not give it back, you are in danger. Tap Help now.

topic-travel-safe-copies-title = Make copies of your documents
topic-travel-safe-copies-text =
    Take photos of your passport, birth certificates and other papers.
    • Send the photos to yourself and to someone you trust.
    • Keep a paper copy in a different bag from the originals.
    • If your documents are lost or stolen, a copy makes it much easier to get new ones.

topic-travel-safe-volunteers-title = Check who is helping you
topic-travel-safe-volunteers-text =
    Most volunteers truly want to help. But some people only pretend to be volunteers.
    • Real volunteers wear a badge or vest of their organisation.
    • Ask to see their ID. A real volunteer will not mind.
    • Be careful if someone rushes you to leave with them or takes you away from the others.
    • Ask for help at official help points, or ask police or border guards.

topic-travel-safe-housing-title = Free housing offers at stations
topic-travel-safe-housing-text =
    At stations and borders, strangers may offer you a free room or flat, or a lift. Some of them are traffickers.
    • Take housing only through official help points or organisations you can check.
    • Ask to see ID. Write down the address and send it to someone you trust.
    • Be careful if the offer is only for women, or only for you without your family.
    • Do not go with anyone who pushes or rushes you.

topic-travel-safe-cars-title = Don't get into strangers' cars alone
topic-travel-safe-cars-text =
    • Use official transport or buses from help points when you can.
    • Do not ride alone with a driver you don't know. Travel with 2 or 3 other adults.
    • If there is no other way, take a photo of the licence plate and the driver.
    • Send the photo to someone you trust and share your live location.
    • If the driver changes the route or takes your phone, tap Help now.

topic-travel-safe-route-title = Share your route, agree a code word
topic-travel-safe-route-text =
    Someone you trust should always know where you are.
    • Before you leave, tell them where you are going, how and with whom.
    • Send a short message at every stop and when you arrive.
    • Agree on a code word. When they get it, they will know you are in danger.
    • Tell them about every offer of work or housing you get.

topic-travel-safe-phone-title = Keep your phone charged
topic-travel-safe-phone-text =
    Your phone is your link to help.
    • Charge it whenever you can. Carry a power bank if you have one.
    • Keep it with you. Never give it to anyone to "look after".
    • Write the most important numbers on paper too, in case the battery dies.
    • Tap Help now and save the numbers before you set off.

topic-travel-safe-children-title = If you travel with children
topic-travel-safe-children-text =
    Children get lost easily in crowds. Prepare them now.
    • Help them learn by heart: your phone number, their full name, where you are going.
    • Put a note with your number in their pocket, or write it on their arm.
    • Take a fresh photo of each child on your phone.
    • Agree on a place to meet if you get separated.
    • Tell them: never go anywhere with strangers, even if they say you sent them.

## Phase 2: Travel safe, work safe

phase-work-safe-title = Travel safe, work safe
phase-work-safe-menu = 💼 Work safe
phase-work-safe-intro = Looking for work in a new country? These checks help you spot a trap before you sign anything or travel.

topic-work-safe-never-pay-title = Never pay for a job
topic-work-safe-never-pay-text =
    The costs of hiring you are paid by the employer, not by you.
    • Do not pay a middleman for a job, "registration", a visa, training, a uniform or tickets.
    • Buying your own ticket at a normal ticket office is fine. Paying a middleman is not.
    • If someone wants money to give you a job, it is most likely a scam or a trap.
    • Not sure? Tap Help now and ask before you pay.

topic-work-safe-contract-title = Get a written contract first
topic-work-safe-contract-text =
    Sign a work contract before you travel or start work.
    • It must be in a language you read well. Ask for a version you understand.
    • Check it shows the employer's name, the address, the job, the hours and the pay.
    • The pay must match what they promised. "The rest in cash" is a warning sign.
    • "We'll sign when you get here" is a warning sign too.
    • Keep a copy or a photo of the signed contract.

topic-work-safe-documents-title = Your documents stay with you
topic-work-safe-documents-text =
    An employer has no right to keep your passport or ID.
    • Show your documents, let them make a copy, then take them back.
    • Do not send photos of your passport to recruiters you cannot check.
    • "We'll keep it for the paperwork" is not a reason. Say no.
    • If your documents have been taken, tap Help now. You can get help even without papers.

topic-work-safe-too-good-title = Pay that is too good to be true
topic-work-safe-too-good-text =
    Very high pay for simple work is the most common bait.
    • Find out what this job usually pays in that country, and compare.
    • Be careful with "no experience, no language needed, leave tomorrow".
    • Be careful if they wrote to you first, or push you to decide fast.
    • A real offer will still be there after two days of checking.

topic-work-safe-employer-title = Check the employer
topic-work-safe-employer-text =
    Before you say yes, find out who you will really work for.
    • Ask for the company's full name, its registration number and the exact work address.
    • Look the company up online and read what other workers say.
    • Ask for a video call or a meeting at a real office.
    • Be careful if they only write in a messenger app and avoid calls.
    • Do not send your documents or bank card details until you have checked.

topic-work-safe-debt-title = Travel and housing on credit
topic-work-safe-debt-text =
    "We'll pay for your ticket and flat, you'll pay us back from your wages." This is how many debt traps start.
    • Do not take travel or housing on credit if you cannot check the employer.
    • If housing or food will be taken from your pay, ask for the amounts to be written into your contract before you start.
    • Check that the housing address really exists.
    • If your debt keeps growing and you "can't leave until you pay", tap Help now.

topic-work-safe-right-to-work-title = Your right to work in the EU
topic-work-safe-right-to-work-text =
    Most people who fled the war in Ukraine can get temporary protection in EU countries. It lets you live and work legally.
    • Register for temporary protection in the country where you are now.
    • With it, you do not need a tourist visa or "papers we'll sort out later".
    • If an employer tells you not to register, or to work without papers, that is a warning sign.
    • Work off the books leaves you with no protection at all.

topic-work-safe-hostess-title = Hostess, model, photo shoot offers
topic-work-safe-hostess-text =
    Offers for women to go abroad as a "hostess", "model" or "dancer", or for "photo shoots", are a common trap for sexual exploitation.
    • Be very careful if they want young women only and pay for travel and housing.
    • Do not send such "employers" your photos or documents.
    • Do not travel until you have asked for advice. Tap Help now.

## Phase 3: Work safe in Southern Europe

phase-work-safe-south-title = Work safe in Southern Europe
phase-work-safe-south-menu = 🍇 Southern Europe jobs
phase-work-safe-south-intro = Seasonal and farm work in Italy, Spain, Greece and Portugal: what to watch out for and what to do.

topic-work-safe-south-risks-title = Harvest work: know the risks
topic-work-safe-south-risks-text =
    Picking fruit and vegetables in the south of Europe is real work. But some workers end up trapped.
    • Common tricks: your passport is "kept safe", pay comes only "at the end of the season", you live on the farm and a middleman drives you everywhere.
    • Very long days, no days off and no contract are common too.
    • The next screens show how to protect yourself.

topic-work-safe-south-contract-title = A contract before the season
topic-work-safe-south-contract-text =
    Seasonal work needs a written contract too.
    • Sign it before you travel, in a language you read well.
    • Check: employer's name, farm address, pay per hour or day, hours, days off, cost of housing and transport.
    • Never sign blank pages or papers you do not understand.
    • Keep your copy in a safe place and send a photo of it to someone you trust.

topic-work-safe-south-passport-title = On the farm, keep your passport
topic-work-safe-south-passport-text =
    "Give us your passport, it's safer with us" is one of the most common traps on farms.
    • No employer or middleman may keep your passport or residence papers.
    • Let them make a copy, then take the original back.
    • Keep your documents on you, or in a place only you can open.
    • If they refuse to give them back, tap Help now.

topic-work-safe-south-pay-title = Paid "at the end of the season"?
topic-work-safe-south-pay-text =
    "You'll get it all at the end of the season" often means you get little or nothing.
    • Agree to be paid at least once a month, and make sure it is in the contract.
    • Ask for a payslip or a signed note for every payment.
    • Payment into a bank account is safer than cash only.
    • If pay is late or much less than agreed, do not wait for the end of the season. Tap Help now.

topic-work-safe-south-housing-title = Farm housing and transport
topic-work-safe-south-housing-text =
    If you live on the farm and only travel in the middleman's van, you can easily end up cut off.
    • The cost of housing and transport should be written in the contract. If it takes most of your pay, that is a warning sign.
    • Know the address where you live and work. Send it to someone you trust.
    • Keep your phone with you. Learn the way to the nearest village, shop or bus stop.
    • If you are locked in, not allowed to leave, or charged for every ride, tap Help now.

topic-work-safe-south-records-title = Keep a record of hours and pay
topic-work-safe-south-records-text =
    Your own notes can help you get your money later.
    • Every day, write down the date, when you started and finished, and where you worked.
    • Write down every payment: date, amount, who paid.
    • Keep payslips, notes and messages from the employer. Send copies to someone you trust.
    • Twelve hours a day with no days off is not normal. Your notes are proof.

topic-work-safe-south-protection-title = Temporary protection in the south
topic-work-safe-south-protection-text =
    Italy, Spain, Greece and Portugal give temporary protection to most people who fled the war in Ukraine.
    • With it, you can live and work there legally.
    • Apply for it yourself at the official office, soon after you arrive.
    • Do not pay middlemen who promise to "arrange everything".
    • If an employer says "don't register" or "you don't need papers", be careful: without papers you have fewer rights and more risks.

topic-work-safe-south-help-title = If it is already happening
topic-work-safe-south-help-text =
    Passport taken? Not paid? Not allowed to leave? It is not your fault. You can get help.
    • Tap Help now to see where to turn in the country you are in.
    • In danger right now? Call the emergency number shown in Help now.
    • You can also complain to the labour inspectorate. It checks farms and employers.
    • You can get help even if you have no papers or no contract.

## Phase 4: Stay safe online

phase-safe-online-title = Stay safe online
phase-safe-online-menu = 📱 Safe online
phase-safe-online-intro = Coming soon: how to spot fake job ads and dangerous contacts online, and how to protect your photos and personal data.
