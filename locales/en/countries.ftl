## Country names for onboarding and settings (country-<ISO 3166-1 alpha-2>).

country-PL = Poland
country-DE = Germany
country-CZ = Czechia
country-GB = United Kingdom
country-ES = Spain
country-IT = Italy
country-RO = Romania
country-SK = Slovakia
country-NL = Netherlands
country-IE = Ireland
country-MD = Moldova
country-PT = Portugal
country-HU = Hungary
country-GR = Greece
country-UA = Ukraine
country-other = Another country
