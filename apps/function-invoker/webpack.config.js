module.exports = require('../../tools/webpack/node-app.config.cjs')(__dirname);
