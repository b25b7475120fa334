import base from './stryker.range.mjs';
export default { ...base, incrementalFile: 'reports/mutation/tmp-incremental.json', jsonReporter: { fileName: 'reports/mutation/tmp.json' }, htmlReporter: { fileName: 'reports/mutation/tmp.html' }, reporters: ['clear-text', 'json'], tempDirName: 'reports/mutation/.stryker-tmp2' };
