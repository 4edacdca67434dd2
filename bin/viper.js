#!/usr/bin/env node
console.log("hi from viper bin")
