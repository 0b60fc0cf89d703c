import 'reflect-metadata';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Module,
  NotFoundException,
  Param,
  Post,
  StandardSchemaValidationPipe,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { announce } from '../../shared/serve.js';
import { CREATED_ID, findItem, type Item, NOT_FOUND_DETAIL } from '../../shared/store.js';
import { ItemIn, type NewItemIn } from '../../shared/zod-item.js';

// NestJS 12 on Fastify, written the way its docs write a controller: decorators
// (compiled with experimentalDecorators, tsconfig.nest.json), the zod schema on
// @Body and Nest's own StandardSchemaValidationPipe, NotFoundException for 404.
@Controller('items')
class ItemsController {
  @Get(':id')
  get(@Param('id') id: string): Item {
    const item = findItem(id);
    if (item === undefined) throw new NotFoundException(NOT_FOUND_DETAIL);
    return item;
  }

  @Post()
  create(@Body({ schema: ItemIn }) body: NewItemIn): Item {
    return { id: CREATED_ID, name: body.name, price: body.price };
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string): void {
    if (findItem(id) === undefined) throw new NotFoundException(NOT_FOUND_DETAIL);
  }
}

@Module({ controllers: [ItemsController] })
class AppModule {}

const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
  logger: false,
});
app.useGlobalPipes(new StandardSchemaValidationPipe());
await app.listen(0, '127.0.0.1');
announce(app.getHttpServer(), () => app.close());
