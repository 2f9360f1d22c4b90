## Find help near me

findhelp-ask =
    What do you need help with? Country: { $country }. Services that speak your language come first.
    Share your location to see the nearest ones.
findhelp-no-country = In which country should I look? Choose it, or share your location.
findhelp-list = { $country } · { $need }
findhelp-footer = Numbers starting with + work from any phone, including one with a Ukrainian SIM card. Calls to hotlines are confidential.
findhelp-name = { $name }
findhelp-phones = 📞 { $phones }
findhelp-about = { $about }
findhelp-hours = 🕒 { $hours }
findhelp-speaks-uk = 🗣 Speaks Ukrainian
findhelp-speaks-ru = 🗣 Speaks Russian
findhelp-speaks-uk-ru = 🗣 Speaks Ukrainian and Russian
findhelp-distance = 📍 about { $km } km from you
findhelp-distance-city = 📍 { $city }, about { $km } km from you
findhelp-web = 🌐 { $web }
findhelp-country-ask = In which country should I look?
findhelp-choose-country = First choose the country.
findhelp-near = Sorted by distance from the place you shared. I keep it only while you are here, and only to about 1 km.
findhelp-card-sent = Here is your safety card: save the picture on your phone. It works without internet.

need-trafficking = Trafficking or exploitation
need-work-rights = Problems at work (pay, contract)
need-legal-status = Documents and legal status
need-shelter = A safe place to stay
need-health = Health
need-children = Children
need-women = Help for women
need-psychological = Someone to talk to
need-all = All services

btn-findhelp-near = 📍 Nearest to me
btn-findhelp-country = 🌍 Another country
btn-findhelp-all = All services
btn-findhelp-card = 💾 Offline safety card
btn-findhelp-other-need = ◀ Other help
btn-findhelp-web = 🌐 { $name }
findhelp-card-unavailable = The safety card cannot be sent here right now. The numbers are under 🆘 Help now.
