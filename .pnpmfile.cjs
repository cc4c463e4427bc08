// node-gyp must build better-sqlite3 against the headers Node ships in /usr instead of downloading them.
module.exports = {
  hooks: {
    updateConfig(config) {
      config.extraEnv = { ...config.extraEnv, npm_config_nodedir: process.env.npm_config_nodedir || '/usr' }
      return config
    },
  },
}
