/** Seed 002's "Output message format" example, verbatim (line breaks as in the document). */
export const SEED_002_EXAMPLE = `{
"profileId": "aaaabbbb-cccc-dddd-eeee-ffffffffffff",
"sourceId": "dc0beb89-2d63-4ec7-899a-6e986ed8932f",
"partnerNumber": 33,
"callType": "NEW",
"partnerIds": ["4"],
"profileVars": {
"lastCategory": "5678"
},
"timestamp": 1234567890,
"siteNumber": 1234,
"sourceName": "Azure Event Hub audience 1",
"sourceNumber": 123,
"data": {
"mycustomproperty1": "value1"
}
}`;
