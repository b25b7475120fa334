/** One example per command, shown at the end of its --help: the README's worked session, in its own directory. */
export const EXAMPLES: Record<string, string> = {
  keygen: 'meterproof keygen --role provider --out keys',
  'meter import': 'meterproof meter import --key keys/meter.key.json --meter-id home-1 --in readings.xml --out home',
  'tariff import-urdb': 'meterproof tariff import-urdb --in urdb.json --timezone America/Los_Angeles --out tariff.json',
  'tariff import-prices': 'meterproof tariff import-prices --in agile.json --currency GBP --timezone Europe/London --out tariff.json',
  'tariff sign': 'meterproof tariff sign --key keys/provider.key.json --in tariff.json --out tariff.signed.json',
  'tariff show': 'meterproof tariff show --tariff tariff.signed.json',
  'log verify': 'meterproof log verify --log home/log.json --meter-key keys/meter.pub.json',
  'bill prove': 'meterproof bill prove --tariff tariff.signed.json --log home/log.json --private home/private.json --account acct-42 --period 2011-07 --out bill.json',
  'bill verify':
    'meterproof bill verify --tariff tariff.signed.json --provider-key keys/provider.pub.json --meter-key keys/meter.pub.json --bill bill.json --json',
  'bill plain': 'meterproof bill plain --tariff tariff.signed.json --private home/private.json --period 2011-07',
  disclose: 'meterproof disclose --query request.json --log home/log.json --private home/private.json --key keys/user.key.json --out disclosure.json',
  'disclosure verify':
    'meterproof disclosure verify --disclosure disclosure.json --meter-key keys/meter.pub.json --user-key keys/user.pub.json --recipient grid-operator --json',
  demo: 'meterproof demo --out demo-files',
};
