## The offline safety card (`movesafe card`): a picture a person keeps on the phone.

card-title = Safety card — { $country }
card-offline = Calls to these numbers need no internet.
card-free = free
card-from-abroad = from abroad
card-hours-always = Day and night, every day
card-hours = Hours: { $hours }
card-hotlines =
    { $count ->
        [1] Helpline
       *[other] Helplines
    }
card-rules = Three rules to stay safe
card-rule-documents = Keep your passport and documents with you. Nobody may take them from you, not even your employer.
card-rule-fees = Never pay for a job or a work permit. An honest employer does not ask for money.
card-rule-contract = Before you travel or start work, get a written contract in a language you understand.
card-footer = Keep this picture. If you need help, show it to the police or a volunteer.
card-checked = Numbers checked: { $date }
