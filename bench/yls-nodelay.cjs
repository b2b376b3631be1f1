// Starts yaml-language-server (the devDependency, 1.25.0) over stdio with its validation debounce
// set to 0 ms. Stock 1.25.0 waits a fixed, not configurable, 200 ms after every open or change
// before validating (SettingsState.validationDelayMs); the benchmark times the work, not that
// timer, so the comparison is as favourable to yaml-language-server as it can be. Run the stock
// server with `bench --stock-yls` to include the delay.
const { SettingsState } = require('yaml-language-server/out/server/src/yamlSettings.js');
Object.defineProperty(SettingsState.prototype, 'validationDelayMs', { get: () => 0, set: () => {}, configurable: true });
require('yaml-language-server/bin/yaml-language-server');
